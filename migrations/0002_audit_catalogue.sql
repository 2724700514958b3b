CREATE TABLE "audit_department" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_facility" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"district_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"opening_hours" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"accessibility" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_facility_coordinates" CHECK (("audit_facility"."latitude" IS NULL) = ("audit_facility"."longitude" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "audit_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_facility" ADD CONSTRAINT "audit_facility_service_id_audit_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."audit_service"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_service" ADD CONSTRAINT "audit_service_department_id_audit_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."audit_department"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_department_territory_name_key" ON "audit_department" USING btree ("territory_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_facility_service_name_key" ON "audit_facility" USING btree ("service_id","name");--> statement-breakpoint
CREATE INDEX "audit_facility_territory_idx" ON "audit_facility" USING btree ("territory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_service_department_name_key" ON "audit_service" USING btree ("department_id","name");--> statement-breakpoint
CREATE INDEX "audit_service_territory_idx" ON "audit_service" USING btree ("territory_id");