ALTER TABLE "commitments_version" ADD COLUMN "text_versions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "antenna_report_territory_updated_idx" ON "antenna_report" USING btree ("territory_id","updated_at","reference");--> statement-breakpoint
CREATE INDEX "antenna_report_territory_created_idx" ON "antenna_report" USING btree ("territory_id","created_at","reference");