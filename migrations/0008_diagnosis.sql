CREATE TABLE "diagnosis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"status" text DEFAULT 'review' NOT NULL,
	"number" integer,
	"title" text NOT NULL,
	"analysis" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"granularity" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"approvers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "diagnosis_period_order" CHECK ("diagnosis"."period_from" <= "diagnosis"."period_to"),
	CONSTRAINT "diagnosis_published_has_number" CHECK (("diagnosis"."status" = 'published') = ("diagnosis"."number" IS NOT NULL AND "diagnosis"."published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "diagnosis_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"diagnosis_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnosis_fact" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "diagnosis_fact_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"department_id" uuid,
	"service_id" uuid,
	"facility_id" uuid,
	"grounds" text[] NOT NULL,
	"dimension" text,
	"district_id" uuid,
	"neighbourhood_id" uuid,
	"month" date NOT NULL,
	"severity" smallint,
	"barrier" text,
	CONSTRAINT "diagnosis_fact_grounds_present" CHECK (cardinality("diagnosis_fact"."grounds") >= 1),
	CONSTRAINT "diagnosis_fact_severity_range" CHECK ("diagnosis_fact"."severity" IS NULL OR "diagnosis_fact"."severity" BETWEEN 1 AND 4),
	CONSTRAINT "diagnosis_fact_month_first_day" CHECK (extract(day from "diagnosis_fact"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "diagnosis_paired_test" (
	"campaign_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"month" date NOT NULL,
	"both_well" integer NOT NULL,
	"both_badly" integer NOT NULL,
	"minority_worse" integer NOT NULL,
	"majority_worse" integer NOT NULL,
	CONSTRAINT "diagnosis_paired_test_campaign_id_service_id_ground_pk" PRIMARY KEY("campaign_id","service_id","ground"),
	CONSTRAINT "diagnosis_paired_test_counts" CHECK ("diagnosis_paired_test"."both_well" >= 0 AND "diagnosis_paired_test"."both_badly" >= 0 AND "diagnosis_paired_test"."minority_worse" >= 0 AND "diagnosis_paired_test"."majority_worse" >= 0)
);
--> statement-breakpoint
CREATE TABLE "diagnosis_pdf" (
	"diagnosis_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnosis_pdf_diagnosis_id_locale_pk" PRIMARY KEY("diagnosis_id","locale")
);
--> statement-breakpoint
CREATE TABLE "diagnosis_score_gap" (
	"score_card_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"month" date NOT NULL,
	"user_score" real NOT NULL,
	"staff_score" real NOT NULL,
	CONSTRAINT "diagnosis_score_gap_score_card_id_criterion_pk" PRIMARY KEY("score_card_id","criterion"),
	CONSTRAINT "diagnosis_score_gap_range" CHECK ("diagnosis_score_gap"."user_score" BETWEEN 0 AND 100 AND "diagnosis_score_gap"."staff_score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "diagnosis_vote" (
	"diagnosis_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"vote" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnosis_vote_diagnosis_id_person_id_pk" PRIMARY KEY("diagnosis_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "diagnosis_comment" ADD CONSTRAINT "diagnosis_comment_diagnosis_id_diagnosis_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnosis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_pdf" ADD CONSTRAINT "diagnosis_pdf_diagnosis_id_diagnosis_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnosis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_vote" ADD CONSTRAINT "diagnosis_vote_diagnosis_id_diagnosis_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnosis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "diagnosis_territory_number_key" ON "diagnosis" USING btree ("territory_id","number");--> statement-breakpoint
CREATE INDEX "diagnosis_territory_status_idx" ON "diagnosis" USING btree ("territory_id","status");--> statement-breakpoint
CREATE INDEX "diagnosis_comment_diagnosis_idx" ON "diagnosis_comment" USING btree ("diagnosis_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "diagnosis_fact_source_key" ON "diagnosis_fact" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "diagnosis_fact_territory_month_idx" ON "diagnosis_fact" USING btree ("territory_id","month");--> statement-breakpoint
CREATE INDEX "diagnosis_paired_test_territory_idx" ON "diagnosis_paired_test" USING btree ("territory_id","month");--> statement-breakpoint
CREATE INDEX "diagnosis_score_gap_territory_idx" ON "diagnosis_score_gap" USING btree ("territory_id","month");