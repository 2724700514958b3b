-- An amendment keeps the language of the page its new wording and reason were typed on, and a decision the language of the page its reason was typed on; those written before take their framework's.
ALTER TABLE "framework_amendment" ADD COLUMN "lang" text;--> statement-breakpoint
UPDATE "framework_amendment" SET "lang" = f."locale" FROM "framework_version" v JOIN "framework" f ON f."id" = v."framework_id" WHERE v."id" = "framework_amendment"."version_id";--> statement-breakpoint
ALTER TABLE "framework_amendment" ALTER COLUMN "lang" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "framework_amendment" ADD COLUMN "decision_lang" text;--> statement-breakpoint
UPDATE "framework_amendment" SET "decision_lang" = f."locale" FROM "framework_version" v JOIN "framework" f ON f."id" = v."framework_id" WHERE v."id" = "framework_amendment"."version_id" AND "framework_amendment"."decision_reason" IS NOT NULL;
