-- A score card's criterion keeps its label in other languages, as the catalogue keeps its names.
ALTER TABLE "audit_score_criterion" ADD COLUMN "label_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- A comment keeps the language of the page it was typed on; comments written before take their item's (a library item without languages: its territory's first, else the platform's default, Catalan).
ALTER TABLE "framework_comment" ADD COLUMN "lang" text;--> statement-breakpoint
UPDATE "framework_comment" SET "lang" = f."locale" FROM "framework_version" v JOIN "framework" f ON f."id" = v."framework_id" WHERE v."id" = "framework_comment"."version_id";--> statement-breakpoint
ALTER TABLE "framework_comment" ALTER COLUMN "lang" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "library_comment" ADD COLUMN "lang" text;--> statement-breakpoint
UPDATE "library_comment" SET "lang" = COALESCE(i."languages"[1], t."settings"->'languages'->>0, 'ca') FROM "library_item" i LEFT JOIN "territory" t ON t."id" = i."territory_id" WHERE i."id" = "library_comment"."item_id";--> statement-breakpoint
ALTER TABLE "library_comment" ALTER COLUMN "lang" SET NOT NULL;
