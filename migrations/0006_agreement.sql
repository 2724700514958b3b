CREATE TABLE "adhesion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"status" text NOT NULL,
	"signed_version" integer NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signed_by_name" text NOT NULL,
	"member_since" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_name" text,
	"decline_reason" text
);
--> statement-breakpoint
CREATE TABLE "adhesion_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"adhesion_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer,
	"reason" text,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_space" (
	"territory_id" uuid PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"goals" jsonb NOT NULL,
	"promoting_group" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"district_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"decline_reason" text,
	"proposed_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_network" (
	"challenge_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	CONSTRAINT "challenge_network_challenge_id_network_id_pk" PRIMARY KEY("challenge_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "challenge_status_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_support" (
	"challenge_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"comment" text NOT NULL,
	"supported_by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_support_challenge_id_organisation_id_pk" PRIMARY KEY("challenge_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "commitments_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_name" text NOT NULL,
	CONSTRAINT "commitments_version_positive" CHECK ("commitments_version"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"working_group_id" uuid,
	"title" text NOT NULL,
	"held_on" timestamp with time zone NOT NULL,
	"agenda" text NOT NULL,
	"minutes" text,
	"created_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"text" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"purpose" jsonb NOT NULL,
	"goals" jsonb NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_document" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_name" text NOT NULL,
	CONSTRAINT "network_slug_format" CHECK ("network"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "network_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"organisation_id" uuid,
	"department_name" text,
	"department_id" uuid,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by_name" text NOT NULL,
	"message" text,
	"decided_at" timestamp with time zone,
	"decided_by_name" text,
	"reason" text,
	CONSTRAINT "network_member_one_kind" CHECK (("network_member"."organisation_id" IS NULL) <> ("network_member"."department_name" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"district_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text,
	"public_email" text,
	"public_phone" text,
	"search_document" text DEFAULT '' NOT NULL,
	"verified_at" timestamp with time zone,
	"verified_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_name_length" CHECK (char_length("organisation"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "organisation_logo" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "working_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adhesion" ADD CONSTRAINT "adhesion_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adhesion_event" ADD CONSTRAINT "adhesion_event_adhesion_id_adhesion_id_fk" FOREIGN KEY ("adhesion_id") REFERENCES "public"."adhesion"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge" ADD CONSTRAINT "challenge_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_network" ADD CONSTRAINT "challenge_network_challenge_id_challenge_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenge"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_network" ADD CONSTRAINT "challenge_network_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_status_change" ADD CONSTRAINT "challenge_status_change_challenge_id_challenge_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenge"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_support" ADD CONSTRAINT "challenge_support_challenge_id_challenge_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenge"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_support" ADD CONSTRAINT "challenge_support_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_working_group_id_working_group_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_member" ADD CONSTRAINT "network_member_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_member" ADD CONSTRAINT "network_member_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_logo" ADD CONSTRAINT "organisation_logo_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group" ADD CONSTRAINT "working_group_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "adhesion_organisation_territory_key" ON "adhesion" USING btree ("organisation_id","territory_id");--> statement-breakpoint
CREATE INDEX "adhesion_territory_status_idx" ON "adhesion" USING btree ("territory_id","status");--> statement-breakpoint
CREATE INDEX "adhesion_event_adhesion_idx" ON "adhesion_event" USING btree ("adhesion_id","at");--> statement-breakpoint
CREATE INDEX "challenge_territory_status_idx" ON "challenge" USING btree ("territory_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "commitments_version_territory_version_key" ON "commitments_version" USING btree ("territory_id","version");--> statement-breakpoint
CREATE INDEX "meeting_network_idx" ON "meeting" USING btree ("network_id","held_on");--> statement-breakpoint
CREATE INDEX "meeting_decision_network_idx" ON "meeting_decision" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_territory_slug_key" ON "network" USING btree ("territory_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "network_member_organisation_key" ON "network_member" USING btree ("network_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_member_department_key" ON "network_member" USING btree ("network_id","department_name");--> statement-breakpoint
CREATE INDEX "network_member_organisation_idx" ON "network_member" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "organisation_territory_idx" ON "organisation" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "organisation_areas_idx" ON "organisation" USING gin ("areas");--> statement-breakpoint
CREATE INDEX "organisation_district_ids_idx" ON "organisation" USING gin ("district_ids");