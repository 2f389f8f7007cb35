-- A scratch database for the pgbench scripts beside this file (bench/RESULTS.md, ADR 032):
--   createdb -h 127.0.0.1 -U postgres bench_booking
--   for f in db/migrations/0*.sql; do psql -q -h 127.0.0.1 -U postgres -d bench_booking -f $f; done
--   psql -h 127.0.0.1 -U postgres -d bench_booking -f bench/pgbench/setup.sql
--   pgbench -h 127.0.0.1 -U postgres -n -c 32 -j 2 -T 10 -f bench/pgbench/insert.sql bench_booking
-- Triggers off and on again:
--   alter table bookings disable trigger bookings_inserted_notify;
--   alter table integration_outbox disable trigger integration_outbox_notify;
insert into organizations (id, slug, name, time_zone)
values ('00000000-0000-0000-0000-000000000001', 'bench', 'Bench', 'UTC');
insert into resources (id, org_id, title, type)
select ('00000000-0000-0000-0000-0000000000' || i)::uuid, '00000000-0000-0000-0000-000000000001', 'Room ' || i, 'space'
from generate_series(10, 19) i;
-- Every transaction takes the next minute, so no two bookings ever overlap.
create sequence bench_slot;
