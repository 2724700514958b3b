CREATE TABLE "audit_answer" (
	"visit_id" uuid NOT NULL,
	"item_name" text NOT NULL,
	"instrument_version_id" uuid NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_answer_visit_id_item_name_pk" PRIMARY KEY("visit_id","item_name")
);
--> statement-breakpoint
CREATE TABLE "audit_auditor" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"enrolled_via" text NOT NULL,
	"organisation_name" text DEFAULT '' NOT NULL,
	"organisation_id" uuid,
	"motivation" text DEFAULT '' NOT NULL,
	"consent_version" integer NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"code_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"hypothesis" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"methods" text[] NOT NULL,
	"service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"facility_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"instrument_version_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_campaign_period" CHECK ("audit_campaign"."ends_on" >= "audit_campaign"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "audit_campaign_auditor" (
	"campaign_id" uuid NOT NULL,
	"auditor_id" uuid NOT NULL,
	CONSTRAINT "audit_campaign_auditor_campaign_id_auditor_id_pk" PRIMARY KEY("campaign_id","auditor_id")
);
--> statement-breakpoint
CREATE TABLE "audit_consent_text" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_enrolment_draft" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"item_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_finding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"campaign_id" uuid,
	"department_id" uuid,
	"service_id" uuid NOT NULL,
	"facility_id" uuid,
	"district_id" uuid,
	"dimension" text NOT NULL,
	"grounds" text[] NOT NULL,
	"severity" integer NOT NULL,
	"title" text NOT NULL,
	"barrier" text,
	"description" text DEFAULT '' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"month" text NOT NULL,
	"linked_answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text DEFAULT 'answers' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"validated_by" uuid,
	"verified_by_visit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_finding_severity" CHECK ("audit_finding"."severity" BETWEEN 1 AND 4),
	CONSTRAINT "audit_finding_month" CHECK ("audit_finding"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "audit_finding_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_finding_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_instrument" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_instrument_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_score_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"score_card_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"who" text NOT NULL,
	"what" text NOT NULL,
	"by_when" date NOT NULL,
	"finding_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_score_card" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"facility_id" uuid,
	"user_group" text NOT NULL,
	"meeting_on" date,
	"meeting_notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_score_criterion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"score_card_id" uuid NOT NULL,
	"label" text NOT NULL,
	"dimension" text DEFAULT 'other' NOT NULL,
	"user_score" integer,
	"user_reasons" text DEFAULT '' NOT NULL,
	"staff_score" integer,
	"staff_reasons" text DEFAULT '' NOT NULL,
	"gap_discussion" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_service_manager" (
	"service_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "audit_service_manager_service_id_person_id_pk" PRIMARY KEY("service_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "audit_test_pair" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"minority_auditor_id" uuid,
	"majority_auditor_id" uuid,
	"tested_on" date NOT NULL,
	"outcome" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_training_attendance" (
	"training_id" uuid NOT NULL,
	"auditor_id" uuid NOT NULL,
	CONSTRAINT "audit_training_attendance_training_id_auditor_id_pk" PRIMARY KEY("training_id","auditor_id")
);
--> statement-breakpoint
CREATE TABLE "audit_training_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_visit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"instrument_version_id" uuid NOT NULL,
	"auditor_id" uuid NOT NULL,
	"method" text NOT NULL,
	"scheduled_on" date NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_answer" ADD CONSTRAINT "audit_answer_visit_id_audit_visit_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."audit_visit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_campaign_auditor" ADD CONSTRAINT "audit_campaign_auditor_campaign_id_audit_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."audit_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_campaign_auditor" ADD CONSTRAINT "audit_campaign_auditor_auditor_id_audit_auditor_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."audit_auditor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_evidence" ADD CONSTRAINT "audit_evidence_visit_id_audit_visit_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."audit_visit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_finding" ADD CONSTRAINT "audit_finding_campaign_id_audit_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."audit_campaign"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_finding_change" ADD CONSTRAINT "audit_finding_change_finding_id_audit_finding_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."audit_finding"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_finding_response" ADD CONSTRAINT "audit_finding_response_finding_id_audit_finding_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."audit_finding"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_instrument_version" ADD CONSTRAINT "audit_instrument_version_instrument_id_audit_instrument_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."audit_instrument"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_score_action" ADD CONSTRAINT "audit_score_action_score_card_id_audit_score_card_id_fk" FOREIGN KEY ("score_card_id") REFERENCES "public"."audit_score_card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_score_action" ADD CONSTRAINT "audit_score_action_criterion_id_audit_score_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."audit_score_criterion"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_score_card" ADD CONSTRAINT "audit_score_card_campaign_id_audit_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."audit_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_score_criterion" ADD CONSTRAINT "audit_score_criterion_score_card_id_audit_score_card_id_fk" FOREIGN KEY ("score_card_id") REFERENCES "public"."audit_score_card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_test_pair" ADD CONSTRAINT "audit_test_pair_campaign_id_audit_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."audit_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_test_pair" ADD CONSTRAINT "audit_test_pair_minority_auditor_id_audit_auditor_id_fk" FOREIGN KEY ("minority_auditor_id") REFERENCES "public"."audit_auditor"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_test_pair" ADD CONSTRAINT "audit_test_pair_majority_auditor_id_audit_auditor_id_fk" FOREIGN KEY ("majority_auditor_id") REFERENCES "public"."audit_auditor"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_training_attendance" ADD CONSTRAINT "audit_training_attendance_training_id_audit_training_session_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."audit_training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_training_attendance" ADD CONSTRAINT "audit_training_attendance_auditor_id_audit_auditor_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."audit_auditor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_visit" ADD CONSTRAINT "audit_visit_campaign_id_audit_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."audit_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_visit" ADD CONSTRAINT "audit_visit_instrument_version_id_audit_instrument_version_id_fk" FOREIGN KEY ("instrument_version_id") REFERENCES "public"."audit_instrument_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_visit" ADD CONSTRAINT "audit_visit_auditor_id_audit_auditor_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."audit_auditor"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_auditor_territory_idx" ON "audit_auditor" USING btree ("territory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_auditor_person_key" ON "audit_auditor" USING btree ("territory_id","person_id");--> statement-breakpoint
CREATE INDEX "audit_campaign_territory_idx" ON "audit_campaign" USING btree ("territory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_consent_text_version_key" ON "audit_consent_text" USING btree ("territory_id","version");--> statement-breakpoint
CREATE INDEX "audit_finding_territory_idx" ON "audit_finding" USING btree ("territory_id","status");--> statement-breakpoint
CREATE INDEX "audit_finding_service_idx" ON "audit_finding" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_instrument_key" ON "audit_instrument" USING btree ("territory_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_instrument_version_key" ON "audit_instrument_version" USING btree ("instrument_id","version");--> statement-breakpoint
CREATE INDEX "audit_test_pair_campaign_idx" ON "audit_test_pair" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "audit_visit_campaign_idx" ON "audit_visit" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "audit_visit_auditor_idx" ON "audit_visit" USING btree ("auditor_id");