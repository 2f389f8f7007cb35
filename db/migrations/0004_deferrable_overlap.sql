-- Publishing a season may swap two sessions' places: the overlap check must be able to wait for
-- the end of that one transaction. Everything else still checks at once (INITIALLY IMMEDIATE).
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_no_overlap";
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist (resource_id WITH =, time_range WITH &&)
  WHERE (status IN ('pending', 'confirmed'))
  DEFERRABLE INITIALLY IMMEDIATE;
