CREATE TABLE "plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"approved_by" text DEFAULT 'board' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_period_order" CHECK ("plan"."period_from" <= "plan"."period_to")
);
--> statement-breakpoint
CREATE TABLE "plan_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_goal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"measure_id" uuid,
	"name" jsonb NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"baseline" real,
	"target" real,
	"computation" text DEFAULT 'manual' NOT NULL,
	"service_id" uuid,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_measure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"department_id" uuid NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"organisation_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"challenge_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"finding_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"starts_on" date,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"dropped_reason" text,
	"progress" integer,
	"external_id" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_measure_progress_range" CHECK ("plan_measure"."progress" IS NULL OR "plan_measure"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "plan_measure_dropped_reason" CHECK ("plan_measure"."status" <> 'dropped' OR coalesce("plan_measure"."dropped_reason", '') <> '')
);
--> statement-breakpoint
CREATE TABLE "plan_measurement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"value" real NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_recommendation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"finding_ids" uuid[] NOT NULL,
	"diagnosis_number" integer,
	"body" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"answered_by" uuid,
	"planned_on" date,
	"owner" text,
	"decline_reason" text,
	"measure_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "plan_recommendation_answer" CHECK (("plan_recommendation"."status" <> 'accepted' OR ("plan_recommendation"."planned_on" IS NOT NULL AND coalesce("plan_recommendation"."owner", '') <> '')) AND ("plan_recommendation"."status" <> 'declined' OR coalesce("plan_recommendation"."decline_reason", '') <> ''))
);
--> statement-breakpoint
CREATE TABLE "plan_verification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"proposed_by" uuid NOT NULL,
	"validated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_version" (
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approvers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_version_plan_id_number_pk" PRIMARY KEY("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plan_vote" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"vote" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_vote_plan_id_version_person_id_pk" PRIMARY KEY("plan_id","version","person_id")
);
--> statement-breakpoint
ALTER TABLE "plan_action" ADD CONSTRAINT "plan_action_measure_id_plan_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."plan_measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator" ADD CONSTRAINT "plan_indicator_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator" ADD CONSTRAINT "plan_indicator_measure_id_plan_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."plan_measure"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure" ADD CONSTRAINT "plan_measure_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure" ADD CONSTRAINT "plan_measure_goal_id_plan_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measurement" ADD CONSTRAINT "plan_measurement_indicator_id_plan_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_recommendation" ADD CONSTRAINT "plan_recommendation_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_recommendation" ADD CONSTRAINT "plan_recommendation_goal_id_plan_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_verification" ADD CONSTRAINT "plan_verification_measure_id_plan_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."plan_measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_vote" ADD CONSTRAINT "plan_vote_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_territory_slug_key" ON "plan" USING btree ("territory_id","slug");--> statement-breakpoint
CREATE INDEX "plan_action_measure_idx" ON "plan_action" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "plan_goal_plan_idx" ON "plan_goal" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_indicator_plan_idx" ON "plan_indicator" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_measure_plan_idx" ON "plan_measure" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_measurement_indicator_date_key" ON "plan_measurement" USING btree ("indicator_id","measured_on");--> statement-breakpoint
CREATE INDEX "plan_recommendation_territory_idx" ON "plan_recommendation" USING btree ("territory_id","status");--> statement-breakpoint
CREATE INDEX "plan_verification_measure_idx" ON "plan_verification" USING btree ("measure_id");