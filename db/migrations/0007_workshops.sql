ALTER TABLE "workshop_registrations" ADD COLUMN "offer_token_hash" text;--> statement-breakpoint
CREATE INDEX "workshop_registrations_session_status_idx" ON "workshop_registrations" USING btree ("session_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_registrations_manage_token_unique" ON "workshop_registrations" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_registrations_offer_token_unique" ON "workshop_registrations" USING btree ("offer_token_hash");--> statement-breakpoint
CREATE INDEX "workshop_registrations_offer_expiry_idx" ON "workshop_registrations" USING btree ("offer_expires_at") WHERE "workshop_registrations"."status" = 'offered';