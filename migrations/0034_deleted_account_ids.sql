ALTER TABLE "adhesion" ADD COLUMN "signed_by" uuid;--> statement-breakpoint
ALTER TABLE "adhesion" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "adhesion_event" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "commitments_version" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "network" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "network_member" ADD COLUMN "requested_by" uuid;--> statement-breakpoint
ALTER TABLE "network_member" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "created_by" uuid;--> statement-breakpoint
-- Backfill: a name written before these columns existed is matched to its person when exactly one person bears it.
UPDATE "adhesion" SET "signed_by" = p."id" FROM "person" p WHERE "adhesion"."signed_by" IS NULL AND p."display_name" = "adhesion"."signed_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "adhesion" SET "decided_by" = p."id" FROM "person" p WHERE "adhesion"."decided_by" IS NULL AND p."display_name" = "adhesion"."decided_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "adhesion_event" SET "actor_id" = p."id" FROM "person" p WHERE "adhesion_event"."actor_id" IS NULL AND p."display_name" = "adhesion_event"."actor_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "commitments_version" SET "published_by" = p."id" FROM "person" p WHERE "commitments_version"."published_by" IS NULL AND p."display_name" = "commitments_version"."published_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "network" SET "created_by" = p."id" FROM "person" p WHERE "network"."created_by" IS NULL AND p."display_name" = "network"."created_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "network_member" SET "requested_by" = p."id" FROM "person" p WHERE "network_member"."requested_by" IS NULL AND p."display_name" = "network_member"."requested_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "network_member" SET "decided_by" = p."id" FROM "person" p WHERE "network_member"."decided_by" IS NULL AND p."display_name" = "network_member"."decided_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "organisation" SET "verified_by" = p."id" FROM "person" p WHERE "organisation"."verified_by" IS NULL AND p."display_name" = "organisation"."verified_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;--> statement-breakpoint
UPDATE "organisation" SET "created_by" = p."id" FROM "person" p WHERE "organisation"."created_by" IS NULL AND p."display_name" = "organisation"."created_by_name" AND (SELECT count(*) FROM "person" q WHERE q."display_name" = p."display_name") = 1;
