ALTER TABLE "coproduction_event" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "coproduction_debate" ADD COLUMN "opened_by" uuid;--> statement-breakpoint
ALTER TABLE "coproduction_statement" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "coproduction_statement_signature" ADD COLUMN "signed_by" uuid;--> statement-breakpoint
ALTER TABLE "coproduction_statement_text" ADD COLUMN "written_by" uuid;