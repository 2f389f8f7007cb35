-- What drizzle cannot express: the double-booking guarantee and the calendar SEQUENCE.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist (resource_id WITH =, time_range WITH &&)
  WHERE (status IN ('pending', 'confirmed'));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bookings_touch() RETURNS trigger AS $$
BEGIN
  IF (NEW.starts_at, NEW.ends_at, NEW.resource_id, NEW.title, NEW.description, NEW.status)
     IS DISTINCT FROM (OLD.starts_at, OLD.ends_at, OLD.resource_id, OLD.title, OLD.description, OLD.status) THEN
    NEW.sequence := OLD.sequence + 1;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER bookings_touch BEFORE UPDATE ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION bookings_touch();
