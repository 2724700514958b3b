CREATE TABLE "agreement_search_word" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "organisation_areas_idx";--> statement-breakpoint
DROP INDEX "organisation_district_ids_idx";--> statement-breakpoint
ALTER TABLE "network" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, agreement_search_text(search_document))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, agreement_search_text(name)), 'A') || to_tsvector('simple'::regconfig, agreement_search_text(search_document))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "agreement_search_word_trgm_idx" ON "agreement_search_word" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "network_search_vector_idx" ON "network" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "organisation_search_vector_idx" ON "organisation" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "organisation_areas_idx" ON "organisation" USING gin ("areas") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "organisation_district_ids_idx" ON "organisation" USING gin ("district_ids") WITH (fastupdate=false);