CREATE TABLE "antenna_case_read" (
	"report_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "antenna_case_read_report_id_person_id_pk" PRIMARY KEY("report_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "antenna_case_read" ADD CONSTRAINT "antenna_case_read_report_id_antenna_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antenna_report"("id") ON DELETE cascade ON UPDATE no action;