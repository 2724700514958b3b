CREATE TABLE "audit_self_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"service_id" uuid NOT NULL,
	"facility_ids" uuid[] NOT NULL,
	"instrument_version_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_self_assessment_period" CHECK ("audit_self_assessment"."ends_on" >= "audit_self_assessment"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "audit_self_assessment_sheet" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"self_assessment_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_self_assessment" ADD CONSTRAINT "audit_self_assessment_instrument_version_id_audit_instrument_version_id_fk" FOREIGN KEY ("instrument_version_id") REFERENCES "public"."audit_instrument_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_self_assessment_sheet" ADD CONSTRAINT "audit_self_assessment_sheet_self_assessment_id_audit_self_assessment_id_fk" FOREIGN KEY ("self_assessment_id") REFERENCES "public"."audit_self_assessment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_self_assessment_service_idx" ON "audit_self_assessment" USING btree ("territory_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_self_assessment_sheet_key" ON "audit_self_assessment_sheet" USING btree ("self_assessment_id","facility_id");