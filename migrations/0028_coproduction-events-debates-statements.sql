CREATE TABLE "coproduction_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"network_id" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_url" text,
	"capacity" integer NOT NULL,
	"minutes" text,
	"minutes_at" timestamp with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coproduction_event_capacity" CHECK ("coproduction_event"."capacity" between 1 and 100000),
	CONSTRAINT "coproduction_event_ends_after_start" CHECK ("coproduction_event"."ends_at" > "coproduction_event"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "coproduction_debate" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"network_id" uuid,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"opened_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "coproduction_debate_contribution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"debate_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"organisation_id" uuid,
	"organisation_name" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by_name" text,
	CONSTRAINT "coproduction_debate_contribution_reason" CHECK ("coproduction_debate_contribution"."hidden_at" IS NULL OR "coproduction_debate_contribution"."hidden_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "coproduction_event_registration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"code" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"attended" boolean DEFAULT false NOT NULL,
	"attended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "coproduction_statement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"original_locale" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"signing_opened_at" timestamp with time zone,
	"signing_closes_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coproduction_statement_signature" (
	"statement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "coproduction_statement_signature_statement_id_organisation_id_pk" PRIMARY KEY("statement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "coproduction_statement_text" (
	"statement_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"written_by_name" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coproduction_statement_text_statement_id_locale_pk" PRIMARY KEY("statement_id","locale")
);
--> statement-breakpoint
ALTER TABLE "coproduction_debate_contribution" ADD CONSTRAINT "coproduction_debate_contribution_debate_id_coproduction_debate_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."coproduction_debate"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coproduction_event_registration" ADD CONSTRAINT "coproduction_event_registration_event_id_coproduction_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."coproduction_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coproduction_statement_signature" ADD CONSTRAINT "coproduction_statement_signature_statement_id_coproduction_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."coproduction_statement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coproduction_statement_text" ADD CONSTRAINT "coproduction_statement_text_statement_id_coproduction_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."coproduction_statement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coproduction_event_territory_idx" ON "coproduction_event" USING btree ("territory_id","starts_at");--> statement-breakpoint
CREATE INDEX "coproduction_event_network_idx" ON "coproduction_event" USING btree ("network_id","starts_at");--> statement-breakpoint
CREATE INDEX "coproduction_debate_territory_idx" ON "coproduction_debate" USING btree ("territory_id","created_at");--> statement-breakpoint
CREATE INDEX "coproduction_debate_contribution_debate_idx" ON "coproduction_debate_contribution" USING btree ("debate_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coproduction_event_registration_person_key" ON "coproduction_event_registration" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coproduction_event_registration_code_key" ON "coproduction_event_registration" USING btree ("event_id","code");--> statement-breakpoint
CREATE INDEX "coproduction_event_registration_queue_idx" ON "coproduction_event_registration" USING btree ("event_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "coproduction_statement_territory_idx" ON "coproduction_statement" USING btree ("territory_id","status");