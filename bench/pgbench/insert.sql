-- One booking as the bare server writes it: a single INSERT (the NOTIFY trigger fires unless disabled).
\set r random(10, 19)
INSERT INTO bookings (org_id, resource_id, title, status, starts_at, ends_at) SELECT '00000000-0000-0000-0000-000000000001', ('00000000-0000-0000-0000-0000000000' || :r)::uuid, 'bench', 'confirmed', ts, ts + interval '1 minute' FROM (SELECT timestamptz '2030-01-01' + nextval('bench_slot') * interval '1 minute' AS ts) s;
