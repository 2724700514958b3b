CREATE TABLE "library_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"person_id" uuid,
	"author_name" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by_name" text
);
--> statement-breakpoint
CREATE TABLE "library_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_file_size" CHECK ("library_file"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "library_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"district_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"licence" text NOT NULL,
	"publisher_kind" text NOT NULL,
	"publisher_id" uuid,
	"publisher_name" text NOT NULL,
	"shared_by" uuid,
	"shared_by_name" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, agreement_search_text(title)), 'A') || setweight(to_tsvector('simple'::regconfig, agreement_search_text(summary)), 'B') || to_tsvector('simple'::regconfig, agreement_search_text(body))) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_search_word" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "library_comment" ADD CONSTRAINT "library_comment_item_id_library_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."library_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_file" ADD CONSTRAINT "library_file_item_id_library_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."library_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_comment_item_idx" ON "library_comment" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "library_comment_person_idx" ON "library_comment" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "library_file_item_idx" ON "library_file" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "library_item_territory_idx" ON "library_item" USING btree ("territory_id","published_at");--> statement-breakpoint
CREATE INDEX "library_item_publisher_idx" ON "library_item" USING btree ("publisher_id","published_at");--> statement-breakpoint
CREATE INDEX "library_item_search_idx" ON "library_item" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "library_search_word_trgm_idx" ON "library_search_word" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
-- The library's vocabulary, kept by a statement-level trigger as the directory's is (migrations/0014).
CREATE OR REPLACE FUNCTION library_search_words_add() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  INSERT INTO library_search_word (word)
    SELECT DISTINCT w FROM changed, unnest(tsvector_to_array(changed.search_vector)) AS w
    WHERE char_length(w) BETWEEN 3 AND 60
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER library_item_search_words_insert AFTER INSERT ON library_item REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION library_search_words_add();
--> statement-breakpoint
CREATE TRIGGER library_item_search_words_update AFTER UPDATE ON library_item REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION library_search_words_add();
