CREATE TABLE "antenna_case_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_draft" (
	"id" text PRIMARY KEY NOT NULL,
	"territory_id" uuid NOT NULL,
	"cipher" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"meta_cipher" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_handler_key" (
	"person_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key_cipher" text NOT NULL,
	"salt" text NOT NULL,
	"opslimit" integer NOT NULL,
	"memlimit" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "antenna_handler_key_person_id_territory_id_pk" PRIMARY KEY("person_id","territory_id")
);
--> statement-breakpoint
CREATE TABLE "antenna_key_session" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"territory_id" uuid NOT NULL,
	"report_id" uuid,
	"key_cipher" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"author" text NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid,
	"cipher" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_recovery_key" (
	"territory_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"receipt_hash" text,
	"receipt_salt" text,
	"reporter_key_cipher" text,
	"mode" text NOT NULL,
	"referral_consent" boolean DEFAULT false NOT NULL,
	"organisation_id" uuid,
	"filed_by" uuid,
	"consent_method" text,
	"consent_recorded_at" timestamp with time zone,
	"status" text DEFAULT 'new' NOT NULL,
	"status_reason" text,
	"assigned_to" uuid,
	"content_cipher" text,
	"classified_at" timestamp with time zone,
	"service_id" uuid,
	"grounds" text[],
	"dimension" text,
	"district_id" uuid,
	"month" text,
	"referred_kind" text,
	"referred_to" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"purge_after" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "antenna_report_month_format" CHECK ("antenna_report"."month" IS NULL OR "antenna_report"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "antenna_report_key" (
	"report_id" uuid NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"sealed_key" text NOT NULL,
	CONSTRAINT "antenna_report_key_report_id_holder_kind_holder_id_pk" PRIMARY KEY("report_id","holder_kind","holder_id")
);
--> statement-breakpoint
ALTER TABLE "antenna_case_event" ADD CONSTRAINT "antenna_case_event_report_id_antenna_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antenna_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antenna_file" ADD CONSTRAINT "antenna_file_report_id_antenna_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antenna_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antenna_message" ADD CONSTRAINT "antenna_message_report_id_antenna_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antenna_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antenna_report_key" ADD CONSTRAINT "antenna_report_key_report_id_antenna_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antenna_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antenna_case_event_report_idx" ON "antenna_case_event" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "antenna_draft_expires_idx" ON "antenna_draft" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "antenna_file_report_idx" ON "antenna_file" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "antenna_key_session_expires_idx" ON "antenna_key_session" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "antenna_message_report_idx" ON "antenna_message" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "antenna_report_receipt_key" ON "antenna_report" USING btree ("receipt_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "antenna_report_reference_key" ON "antenna_report" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "antenna_report_territory_status_idx" ON "antenna_report" USING btree ("territory_id","status");--> statement-breakpoint
CREATE INDEX "antenna_report_organisation_idx" ON "antenna_report" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "antenna_report_purge_idx" ON "antenna_report" USING btree ("purge_after");