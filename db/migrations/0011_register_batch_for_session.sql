-- Several registrations for one session in a single call (ADR 022): the web process gathers the
-- registrations that arrive for a session while its previous call is in flight, and sends them here
-- together. The session is locked, checked and counted once; then each item, in the order given,
-- takes a seat while seats remain, else the next waitlist position. Someone already actively
-- registered (before or earlier in the same batch) is skipped by the partial unique index and
-- reported as 'duplicate', without taking a seat or a position; the others are written as usual.
-- p_items: [{registration, user, userEmail, email, name, manageTokenHash, registeredAt,
--            confirmedPayload, waitlistedPayload}], built by db/operations/registration-batch.ts.
CREATE OR REPLACE FUNCTION register_batch_for_session(
  p_org uuid,
  p_session uuid,
  p_now timestamptz,
  p_sequence integer,
  p_seat_statuses text[],
  p_items jsonb
) RETURNS TABLE (registration_id uuid, registered_status text, registered_position integer, registrant_id uuid) AS $$
DECLARE
  v_guests jsonb;
  v_workshop uuid;
  v_capacity integer;
  v_booking_status text;
  v_starts_at timestamptz;
  v_sequence integer;
  v_taken integer;
  v_last_position integer;
  v_item jsonb;
  v_user uuid;
  v_status text;
  v_position integer;
BEGIN
  -- Guests' user rows, in email order: two batches that share guests lock them in the same order.
  WITH guests AS (
    INSERT INTO users AS u (email, name)
    SELECT DISTINCT ON (item->>'userEmail') item->>'userEmail', item->>'name'
      FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(item, ord)
     WHERE item->>'user' IS NULL
     ORDER BY item->>'userEmail', ord
    ON CONFLICT (email) DO UPDATE SET email = excluded.email
    RETURNING u.id, u.email
  )
  SELECT coalesce(jsonb_object_agg(guests.email, guests.id), '{}'::jsonb) INTO v_guests FROM guests;

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

  FOR v_item IN SELECT item FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(item, ord) ORDER BY ord LOOP
    v_user := coalesce((v_item->>'user')::uuid, (v_guests->>(v_item->>'userEmail'))::uuid);
    IF v_taken < v_capacity THEN
      v_status := 'registered';
      v_position := NULL;
    ELSE
      v_status := 'waitlisted';
      v_position := v_last_position + 1;
    END IF;

    INSERT INTO workshop_registrations
      (id, org_id, workshop_id, session_id, user_id, email, name, status, waitlist_position, manage_token_hash, registered_at)
    VALUES
      ((v_item->>'registration')::uuid, p_org, v_workshop, p_session, v_user, v_item->>'email', v_item->>'name',
       v_status, v_position, v_item->>'manageTokenHash', (v_item->>'registeredAt')::timestamptz)
    ON CONFLICT (session_id, lower(email)) WHERE status IN ('registered', 'waitlisted', 'offered', 'attended') DO NOTHING;

    IF NOT FOUND THEN
      RETURN QUERY SELECT (v_item->>'registration')::uuid, 'duplicate'::text, NULL::integer, v_user;
      CONTINUE;
    END IF;

    IF v_status = 'registered' THEN
      v_taken := v_taken + 1;
      INSERT INTO integration_outbox (org_id, topic, payload)
      VALUES (p_org, 'registration.confirmed', v_item->'confirmedPayload');
    ELSE
      v_last_position := v_position;
      INSERT INTO integration_outbox (org_id, topic, payload)
      VALUES (p_org, 'registration.waitlisted', jsonb_set(v_item->'waitlistedPayload', '{registration,position}', to_jsonb(v_position)));
    END IF;
    RETURN QUERY SELECT (v_item->>'registration')::uuid, v_status, v_position, v_user;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The one-person function (0009) never served a release: nothing calls it any more.
DROP FUNCTION IF EXISTS register_for_session(uuid, uuid, uuid, uuid, text, text, text, text, timestamptz, integer, text[], jsonb, jsonb);
