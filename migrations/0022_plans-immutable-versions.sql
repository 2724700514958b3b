-- A published version of a plan is never changed: later revisions are new versions.
CREATE FUNCTION plan_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published plan version cannot be changed';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version FOR EACH ROW EXECUTE FUNCTION plan_version_immutable();
