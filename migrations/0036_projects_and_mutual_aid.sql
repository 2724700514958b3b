CREATE TABLE "aid_match" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"opened_by_side" text NOT NULL,
	"need_agreed_at" timestamp with time zone,
	"offer_agreed_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aid_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"side" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aid_post" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"side" text NOT NULL,
	"kind" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"district_id" uuid,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact" text NOT NULL,
	"from_on" date,
	"until_on" date,
	"organisation_id" uuid,
	"organisation_name" text DEFAULT '' NOT NULL,
	"posted_by" uuid,
	"posted_by_name" text NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aid_post_dates" CHECK ("aid_post"."until_on" is null or "aid_post"."from_on" is null or "aid_post"."until_on" >= "aid_post"."from_on")
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"locale" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_budget_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"concept" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"funder" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_budget_line_amount" CHECK ("project_budget_line"."amount_cents" between 0 and 100000000000)
);
--> statement-breakpoint
CREATE TABLE "project_challenge" (
	"project_id" uuid NOT NULL,
	"challenge_id" uuid NOT NULL,
	CONSTRAINT "project_challenge_project_id_challenge_id_pk" PRIMARY KEY("project_id","challenge_id")
);
--> statement-breakpoint
CREATE TABLE "project_measure" (
	"project_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	CONSTRAINT "project_measure_project_id_measure_id_pk" PRIMARY KEY("project_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "project_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_partner" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_update" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"organisation_id" uuid,
	"partner_name" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aid_match" ADD CONSTRAINT "aid_match_need_id_aid_post_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."aid_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_match" ADD CONSTRAINT "aid_match_offer_id_aid_post_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."aid_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_message" ADD CONSTRAINT "aid_message_match_id_aid_match_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."aid_match"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_budget_line" ADD CONSTRAINT "project_budget_line_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_challenge" ADD CONSTRAINT "project_challenge_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_measure" ADD CONSTRAINT "project_measure_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partner" ADD CONSTRAINT "project_partner_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_update" ADD CONSTRAINT "project_update_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "aid_match_pair_key" ON "aid_match" USING btree ("need_id","offer_id");--> statement-breakpoint
CREATE INDEX "aid_match_offer_idx" ON "aid_match" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "aid_match_territory_idx" ON "aid_match" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "aid_message_match_idx" ON "aid_message" USING btree ("match_id","at");--> statement-breakpoint
CREATE INDEX "aid_message_author_idx" ON "aid_message" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "aid_post_territory_idx" ON "aid_post" USING btree ("territory_id","side","kind");--> statement-breakpoint
CREATE INDEX "aid_post_posted_by_idx" ON "aid_post" USING btree ("posted_by");--> statement-breakpoint
CREATE INDEX "project_territory_idx" ON "project" USING btree ("territory_id","created_at");--> statement-breakpoint
CREATE INDEX "project_budget_line_project_idx" ON "project_budget_line" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_milestone_project_idx" ON "project_milestone" USING btree ("project_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "project_partner_organisation_key" ON "project_partner" USING btree ("project_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_partner_council_key" ON "project_partner" USING btree ("project_id") WHERE "project_partner"."organisation_id" is null;--> statement-breakpoint
CREATE INDEX "project_update_project_idx" ON "project_update" USING btree ("project_id","posted_at");--> statement-breakpoint
CREATE INDEX "project_update_author_idx" ON "project_update" USING btree ("author_id");