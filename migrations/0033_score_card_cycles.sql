CREATE TABLE "audit_score_cycle" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"score_card_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"started_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_score_cycle_score" (
	"cycle_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"user_score" integer,
	"user_reasons" text DEFAULT '' NOT NULL,
	"staff_score" integer,
	"staff_reasons" text DEFAULT '' NOT NULL,
	CONSTRAINT "audit_score_cycle_score_cycle_id_criterion_id_pk" PRIMARY KEY("cycle_id","criterion_id")
);
--> statement-breakpoint
ALTER TABLE "audit_score_cycle" ADD CONSTRAINT "audit_score_cycle_score_card_id_audit_score_card_id_fk" FOREIGN KEY ("score_card_id") REFERENCES "public"."audit_score_card"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_score_cycle_score" ADD CONSTRAINT "audit_score_cycle_score_cycle_id_audit_score_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."audit_score_cycle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_score_cycle_score" ADD CONSTRAINT "audit_score_cycle_score_criterion_id_audit_score_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."audit_score_criterion"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_score_cycle_number_key" ON "audit_score_cycle" USING btree ("score_card_id","number");