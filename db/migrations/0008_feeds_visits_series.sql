CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"resource_id" uuid,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "visit_minutes" integer;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "buffer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "min_notice_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "allow_public_requests" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workshop_registrations" ADD COLUMN "series_group_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_unique" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_org_user_idx" ON "calendar_feeds" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_active_unique" ON "calendar_feeds" USING btree ("org_id","user_id",coalesce("resource_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "workshop_registrations_series_group_idx" ON "workshop_registrations" USING btree ("series_group_id") WHERE "workshop_registrations"."series_group_id" is not null;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_visit_minutes_check" CHECK ("resources"."visit_minutes" is null or "resources"."visit_minutes" between 5 and 1440);--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_buffer_minutes_check" CHECK ("resources"."buffer_minutes" between 0 and 1440);--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_min_notice_minutes_check" CHECK ("resources"."min_notice_minutes" >= 0);