CREATE TABLE "plan_contribution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"goal_id" uuid,
	"measure_id" uuid,
	"title" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"challenge_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decline_reason" text,
	"accepted_measure_id" uuid,
	"created_by" uuid NOT NULL,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "plan_contribution_declined_reason" CHECK ("plan_contribution"."status" <> 'declined' OR coalesce("plan_contribution"."decline_reason", '') <> '')
);
--> statement-breakpoint
CREATE TABLE "plan_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'review' NOT NULL,
	"content" jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"approvers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_report_pdf" (
	"report_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_report_pdf_report_id_locale_pk" PRIMARY KEY("report_id","locale")
);
--> statement-breakpoint
CREATE TABLE "plan_report_vote" (
	"report_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"vote" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_report_vote_report_id_person_id_pk" PRIMARY KEY("report_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "plan_contribution" ADD CONSTRAINT "plan_contribution_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_contribution" ADD CONSTRAINT "plan_contribution_goal_id_plan_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goal"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_contribution" ADD CONSTRAINT "plan_contribution_measure_id_plan_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."plan_measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report" ADD CONSTRAINT "plan_report_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_pdf" ADD CONSTRAINT "plan_report_pdf_report_id_plan_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."plan_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_vote" ADD CONSTRAINT "plan_report_vote_report_id_plan_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."plan_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_contribution_plan_idx" ON "plan_contribution" USING btree ("plan_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_report_plan_year_key" ON "plan_report" USING btree ("plan_id","year");