-- Live calendars (ADR 020): every statement that writes bookings NOTIFYs the organizations it
-- touched, once each; PostgreSQL delivers the notifications at commit and drops identical ones
-- within a transaction, so a publish of a thousand sessions is one message per organization.
CREATE OR REPLACE FUNCTION bookings_changed_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('bookings_changed', org_id::text) FROM (SELECT DISTINCT org_id FROM changed_bookings) AS touched;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER bookings_inserted_notify AFTER INSERT ON "bookings"
  REFERENCING NEW TABLE AS changed_bookings
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_changed_notify();
--> statement-breakpoint
CREATE TRIGGER bookings_updated_notify AFTER UPDATE ON "bookings"
  REFERENCING NEW TABLE AS changed_bookings
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_changed_notify();
--> statement-breakpoint
CREATE TRIGGER bookings_deleted_notify AFTER DELETE ON "bookings"
  REFERENCING OLD TABLE AS changed_bookings
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_changed_notify();
