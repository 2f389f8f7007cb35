-- A NOTIFY inside a transaction takes PostgreSQL's one notification lock at commit and holds it
-- until the commit is on disk, so every notifying commit waits for the others' (ADR 032: with the
-- trigger the database took a quarter to a third of the bookings per second it took without).
-- A transaction that promises to announce its change itself, after commit, sets
-- infra24.announce_after_commit; the triggers then stay quiet. Every other writer is unchanged.
CREATE OR REPLACE FUNCTION bookings_changed_notify() RETURNS trigger AS $$
BEGIN
  IF current_setting('infra24.announce_after_commit', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('bookings_changed', org_id::text) FROM (SELECT DISTINCT org_id FROM changed_bookings) AS touched;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION integration_outbox_notify() RETURNS trigger AS $$
BEGIN
  IF current_setting('infra24.announce_after_commit', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('integration_outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A new booking, its audit row and its outbox event (or none, for a private hold) in one call, so a
-- booking made on its own is one statement and one round trip. Three statements inside: the
-- exclusion constraint is checked at the end of the booking's own INSERT, before anything else is
-- written (two racing bookings that wrote more in that statement waited for each other). The
-- caller announces the change after commit (db/notifications.ts announceBookingChange).
-- p_booking, p_audit, p_event: rows of bookings, audit_log and integration_outbox as JSON objects
-- keyed by column name, built by db/operations/bookings/bookings.ts insertBooking.
CREATE OR REPLACE FUNCTION insert_booking_with_change(p_booking jsonb, p_audit jsonb, p_event jsonb)
RETURNS void AS $$
BEGIN
  PERFORM set_config('infra24.announce_after_commit', 'on', true);
  INSERT INTO bookings (id, org_id, resource_id, title, description, status, pending_reason, hold_expires_at,
                        starts_at, ends_at, sequence, source, created_by, approved_by, cancel_reason,
                        season_id, draft_item_id, is_public, metadata, created_at, updated_at)
  SELECT id, org_id, resource_id, title, description, status, pending_reason, hold_expires_at,
         starts_at, ends_at, sequence, source, created_by, approved_by, cancel_reason,
         season_id, draft_item_id, is_public, metadata, created_at, updated_at
  FROM jsonb_populate_record(NULL::bookings, p_booking);
  INSERT INTO audit_log (org_id, actor_type, actor_id, action, entity_type, entity_id, before, after, reason)
  SELECT org_id, actor_type, actor_id, action, entity_type, entity_id, before, after, reason
  FROM jsonb_populate_record(NULL::audit_log, p_audit);
  IF p_event IS NOT NULL THEN
    INSERT INTO integration_outbox (org_id, topic, payload)
    SELECT org_id, topic, payload FROM jsonb_populate_record(NULL::integration_outbox, p_event);
  END IF;
END;
$$ LANGUAGE plpgsql;
