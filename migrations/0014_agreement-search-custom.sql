-- The directory's vocabulary: every word an organisation or a network can be found by. A search matches each typed
-- word against this short list by trigram similarity (typos), then finds the documents through the full-text index.
-- Statement-level triggers keep it, so bulk imports add their words in one insert per statement.
-- Words of organisations that are later removed or renamed stay: they only cost a lookup that finds nothing.
CREATE OR REPLACE FUNCTION agreement_search_words_add() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  INSERT INTO agreement_search_word (word)
    SELECT DISTINCT w FROM changed, unnest(tsvector_to_array(changed.search_vector)) AS w
    WHERE char_length(w) BETWEEN 3 AND 60
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organisation_search_words_insert AFTER INSERT ON organisation REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_search_words_add();
--> statement-breakpoint
CREATE TRIGGER organisation_search_words_update AFTER UPDATE ON organisation REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_search_words_add();
--> statement-breakpoint
CREATE TRIGGER network_search_words_insert AFTER INSERT ON network REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_search_words_add();
--> statement-breakpoint
CREATE TRIGGER network_search_words_update AFTER UPDATE ON network REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_search_words_add();
--> statement-breakpoint
INSERT INTO agreement_search_word (word)
  SELECT DISTINCT w FROM (SELECT search_vector FROM organisation UNION ALL SELECT search_vector FROM network) AS d, unnest(tsvector_to_array(d.search_vector)) AS w
  WHERE char_length(w) BETWEEN 3 AND 60
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The trigram indexes over whole documents are no longer read: the full-text indexes and the vocabulary replace them.
DROP INDEX IF EXISTS organisation_search_trgm_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS network_search_trgm_idx;
