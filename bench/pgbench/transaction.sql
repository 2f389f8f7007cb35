-- One booking as the server wrote it before ADR 032: the booking, then audit row and outbox event, in one transaction.
\set r random(10, 19)
BEGIN;
INSERT INTO bookings (org_id, resource_id, title, status, starts_at, ends_at) SELECT '00000000-0000-0000-0000-000000000001', ('00000000-0000-0000-0000-0000000000' || :r)::uuid, 'bench', 'confirmed', ts, ts + interval '1 minute' FROM (SELECT timestamptz '2030-01-01' + nextval('bench_slot') * interval '1 minute' AS ts) s;
with audit as (insert into audit_log (org_id, actor_type, actor_id, action, entity_type, entity_id, before, after, reason) values ('00000000-0000-0000-0000-000000000001', 'api_key', gen_random_uuid(), 'booking.created', 'booking', gen_random_uuid(), null, '{"a":1}'::jsonb, null)) insert into integration_outbox (org_id, topic, payload, deliver_after) values ('00000000-0000-0000-0000-000000000001', 'booking.confirmed', '{"b":1}'::jsonb, now());
COMMIT;
