ALTER TABLE "bookings" ADD COLUMN "season_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "draft_item_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_season_draft_item_unique" ON "bookings" USING btree ("season_id","draft_item_id") WHERE "bookings"."season_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "workshops_season_draft_key_unique" ON "workshops" USING btree ("season_id","draft_key") WHERE "workshops"."season_id" is not null;