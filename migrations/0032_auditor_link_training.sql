ALTER TABLE "audit_auditor" ADD COLUMN "decision_message" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_auditor" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_auditor" ADD COLUMN "link_token_hash" text;--> statement-breakpoint
ALTER TABLE "audit_auditor" ADD COLUMN "link_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_campaign" ADD COLUMN "training_required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_auditor_link_key" ON "audit_auditor" USING btree ("link_token_hash");