-- Wakes idle relays the moment an event is committed (NOTIFY is delivered at commit).
-- Statement-level, so a transaction writing many events sends one notification per statement.
CREATE OR REPLACE FUNCTION integration_outbox_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('integration_outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER integration_outbox_notify AFTER INSERT ON "integration_outbox"
  FOR EACH STATEMENT EXECUTE FUNCTION integration_outbox_notify();
