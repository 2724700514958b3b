ALTER TABLE "challenge" ADD COLUMN "proposed_by" uuid;--> statement-breakpoint
ALTER TABLE "challenge_status_change" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "challenge_support" ADD COLUMN "supported_by" uuid;--> statement-breakpoint
ALTER TABLE "meeting" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "two_factor_at" timestamp with time zone;