CREATE INDEX "challenge_areas_idx" ON "challenge" USING gin ("areas") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "challenge_district_ids_idx" ON "challenge" USING gin ("district_ids") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "organisation_languages_idx" ON "organisation" USING gin ("languages") WITH (fastupdate=false);