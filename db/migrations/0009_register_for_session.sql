-- One registration for one session, in a single call (ADR 010): the guest's user row, the session's
-- row lock, the seat count, the registration and its outbox event. Called outside an explicit
-- transaction, the lock is held only while the database works, never across a round trip to the
-- web process. Each statement takes a fresh snapshot after the lock, so the count is exact.
CREATE OR REPLACE FUNCTION register_for_session(
  p_org uuid,
  p_session uuid,
  p_registration uuid,
  p_user uuid,
  p_user_email text,
  p_email text,
  p_name text,
  p_manage_token_hash text,
  p_now timestamptz,
  p_sequence integer,
  p_seat_statuses text[],
  p_confirmed_payload jsonb,
  p_waitlisted_payload jsonb
) RETURNS TABLE (registered_status text, registered_position integer, registrant_id uuid) AS $$
DECLARE
  v_user uuid := p_user;
  v_workshop uuid;
  v_capacity integer;
  v_booking_status text;
  v_starts_at timestamptz;
  v_sequence integer;
  v_taken integer;
  v_last_position integer;
  v_status text;
  v_position integer;
BEGIN
  IF v_user IS NULL THEN
    INSERT INTO users AS u (email, name) VALUES (p_user_email, p_name)
      ON CONFLICT (email) DO UPDATE SET email = excluded.email
      RETURNING u.id INTO v_user;
  END IF;

  SELECT ws.workshop_id, coalesce(ws.capacity, w.capacity), b.status, b.starts_at, b.sequence
    INTO v_workshop, v_capacity, v_booking_status, v_starts_at, v_sequence
    FROM workshop_sessions ws
    JOIN workshops w ON w.id = ws.workshop_id
    JOIN bookings b ON b.id = ws.booking_id
   WHERE ws.id = p_session AND ws.org_id = p_org
     FOR UPDATE OF ws;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no workshop session %', p_session USING ERRCODE = 'I2404';
  END IF;
  IF v_booking_status <> 'confirmed' THEN
    RAISE EXCEPTION 'session % was cancelled', p_session USING ERRCODE = 'I2409';
  END IF;
  IF v_starts_at <= p_now THEN
    RAISE EXCEPTION 'session % has started', p_session USING ERRCODE = 'I2410';
  END IF;
  -- The event payloads describe the session as the caller read it: if it changed since, read again.
  IF v_sequence <> p_sequence THEN
    RAISE EXCEPTION 'session % changed', p_session USING ERRCODE = 'I2412';
  END IF;

  SELECT count(*) FILTER (WHERE r.status = ANY (p_seat_statuses)),
         coalesce(max(r.waitlist_position) FILTER (WHERE r.status = 'waitlisted'), 0)
    INTO v_taken, v_last_position
    FROM workshop_registrations r
   WHERE r.session_id = p_session;
  IF v_taken < v_capacity THEN
    v_status := 'registered';
  ELSE
    v_status := 'waitlisted';
    v_position := v_last_position + 1;
  END IF;

  INSERT INTO workshop_registrations
    (id, org_id, workshop_id, session_id, user_id, email, name, status, waitlist_position, manage_token_hash, registered_at)
  VALUES
    (p_registration, p_org, v_workshop, p_session, v_user, p_email, p_name, v_status, v_position, p_manage_token_hash, p_now);

  INSERT INTO integration_outbox (org_id, topic, payload)
  VALUES (
    p_org,
    CASE WHEN v_status = 'registered' THEN 'registration.confirmed' ELSE 'registration.waitlisted' END,
    CASE WHEN v_status = 'registered' THEN p_confirmed_payload
         ELSE jsonb_set(p_waitlisted_payload, '{registration,position}', to_jsonb(v_position)) END
  );

  RETURN QUERY SELECT v_status, v_position, v_user;
END;
$$ LANGUAGE plpgsql;
