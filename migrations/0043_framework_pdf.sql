CREATE TABLE "framework_version_pdf" (
	"version_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"digest" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_version_pdf_version_id_locale_pk" PRIMARY KEY("version_id","locale")
);
--> statement-breakpoint
ALTER TABLE "framework_version_pdf" ADD CONSTRAINT "framework_version_pdf_version_id_framework_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_version"("id") ON DELETE cascade ON UPDATE no action;