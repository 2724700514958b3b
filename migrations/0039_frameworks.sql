CREATE TABLE "framework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_amendment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"paragraph_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"replacement" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text DEFAULT '' NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"paragraph_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"person_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_endorsement" (
	"version_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"endorsed_by" uuid,
	"endorsed_by_name" text NOT NULL,
	"endorsed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "framework_endorsement_version_id_organisation_id_pk" PRIMARY KEY("version_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "framework_paragraph" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"position" integer NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_section" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"position" integer NOT NULL,
	"heading" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"consultation_opened_at" timestamp with time zone,
	"agreed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_version_number_positive" CHECK ("framework_version"."number" >= 1)
);
--> statement-breakpoint
ALTER TABLE "framework_amendment" ADD CONSTRAINT "framework_amendment_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_amendment" ADD CONSTRAINT "framework_amendment_paragraph_id_framework_paragraph_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."framework_paragraph"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_comment" ADD CONSTRAINT "framework_comment_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_comment" ADD CONSTRAINT "framework_comment_paragraph_id_framework_paragraph_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."framework_paragraph"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_endorsement" ADD CONSTRAINT "framework_endorsement_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_paragraph" ADD CONSTRAINT "framework_paragraph_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_paragraph" ADD CONSTRAINT "framework_paragraph_section_id_framework_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."framework_section"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_section" ADD CONSTRAINT "framework_section_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_version" ADD CONSTRAINT "framework_version_framework_id_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."framework"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "framework_territory_idx" ON "framework" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "framework_network_idx" ON "framework" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "framework_amendment_version_idx" ON "framework_amendment" USING btree ("version_id","status");--> statement-breakpoint
CREATE INDEX "framework_amendment_paragraph_idx" ON "framework_amendment" USING btree ("paragraph_id");--> statement-breakpoint
CREATE INDEX "framework_comment_paragraph_idx" ON "framework_comment" USING btree ("paragraph_id","created_at");--> statement-breakpoint
CREATE INDEX "framework_comment_version_idx" ON "framework_comment" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "framework_paragraph_section_idx" ON "framework_paragraph" USING btree ("section_id","position");--> statement-breakpoint
CREATE INDEX "framework_paragraph_version_idx" ON "framework_paragraph" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "framework_section_version_idx" ON "framework_section" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_version_number_idx" ON "framework_version" USING btree ("framework_id","number");