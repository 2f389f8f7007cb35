-- Two bookings racing for the same time of one resource each insert their row, then each finds the
-- other's uncommitted row while checking the exclusion constraint and waits for it: PostgreSQL breaks
-- that deadlock only after deadlock_timeout (1 s), and a 200-way race chained such waits for 20 s.
-- Writers of one resource now take its lock first (until commit) and so meet the constraint one
-- after another; the constraint stays the guarantee. The two-key form keeps these keys apart from
-- the migration lock's single key.
CREATE OR REPLACE FUNCTION insert_booking_with_change(p_booking jsonb, p_audit jsonb, p_event jsonb)
RETURNS void AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('bookings'), hashtext((p_booking->>'resource_id')::uuid::text));
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
