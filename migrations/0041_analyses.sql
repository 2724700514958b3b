CREATE TABLE "coproduction_statement_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coproduction_statement_file_size" CHECK ("coproduction_statement_file"."size" > 0)
);
--> statement-breakpoint
ALTER TABLE "coproduction_statement" ADD COLUMN "kind" text DEFAULT 'statement' NOT NULL;--> statement-breakpoint
ALTER TABLE "coproduction_statement_file" ADD CONSTRAINT "coproduction_statement_file_statement_id_coproduction_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."coproduction_statement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coproduction_statement_file_statement_idx" ON "coproduction_statement_file" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "coproduction_statement_kind_idx" ON "coproduction_statement" USING btree ("territory_id","kind");