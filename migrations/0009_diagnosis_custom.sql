-- A published diagnosis is immutable: no change and no deletion, whatever the application does.
CREATE OR REPLACE FUNCTION diagnosis_published_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'diagnosis % is published and cannot change', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER diagnosis_published_immutable BEFORE UPDATE OR DELETE ON diagnosis
  FOR EACH ROW EXECUTE FUNCTION diagnosis_published_immutable();
