CREATE TABLE "shared_counter" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "shared_counter_expires_idx" ON "shared_counter" USING btree ("expires_at");