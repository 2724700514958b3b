CREATE TABLE "access_log_head" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "chain" text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "position" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_pkey";--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_chain_seq_pk" PRIMARY KEY("chain","seq");--> statement-breakpoint
CREATE INDEX "access_log_position_idx" ON "access_log" USING btree ("position");