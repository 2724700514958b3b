CREATE TABLE "coproduction_statement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"original_locale" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"signing_opened_at" timestamp with time zone,
	"signing_closes_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coproduction_statement_signature" (
	"statement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "coproduction_statement_signature_statement_id_organisation_id_pk" PRIMARY KEY("statement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "coproduction_statement_text" (
	"statement_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"written_by_name" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coproduction_statement_text_statement_id_locale_pk" PRIMARY KEY("statement_id","locale")
);
--> statement-breakpoint
ALTER TABLE "coproduction_statement_signature" ADD CONSTRAINT "coproduction_statement_signature_statement_id_coproduction_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."coproduction_statement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coproduction_statement_text" ADD CONSTRAINT "coproduction_statement_text_statement_id_coproduction_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."coproduction_statement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coproduction_statement_territory_idx" ON "coproduction_statement" USING btree ("territory_id","status");