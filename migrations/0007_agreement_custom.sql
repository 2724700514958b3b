-- The directory's search: accents ignored (unaccent) and typos tolerated (pg_trgm), through an index.
-- unaccent() is only STABLE (its dictionary could change), so an index needs an IMMUTABLE wrapper
-- that names the dictionary explicitly.
CREATE OR REPLACE FUNCTION agreement_search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
CREATE INDEX organisation_search_trgm_idx ON organisation USING gin (agreement_search_text(search_document) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX network_search_trgm_idx ON network USING gin (agreement_search_text(search_document) gin_trgm_ops);
