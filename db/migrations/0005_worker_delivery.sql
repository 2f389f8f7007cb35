CREATE TABLE "email_suppressions" (
	"address" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"event_key" text NOT NULL,
	"event_type" text NOT NULL,
	"status" text NOT NULL,
	"booking_id" uuid,
	"detail" text,
	"conflicts" jsonb,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_events_org_provider_key_unique" UNIQUE("org_id","provider","event_key"),
	CONSTRAINT "inbound_events_status_check" CHECK ("inbound_events"."status" in ('applied', 'conflict', 'ignored'))
);
--> statement-breakpoint
CREATE TABLE "integration_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_secrets_org_provider_unique" UNIQUE("org_id","provider"),
	CONSTRAINT "integration_secrets_provider_check" CHECK ("integration_secrets"."provider" in ('calcom', 'calendly'))
);
--> statement-breakpoint
ALTER TABLE "integration_outbox" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD CONSTRAINT "inbound_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_secrets" ADD CONSTRAINT "integration_secrets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_outbox_delivered_idx" ON "integration_outbox" USING btree ("delivered_at") WHERE "integration_outbox"."delivered_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "integration_outbox_pending_dedupe_unique" ON "integration_outbox" USING btree ("dedupe_key") WHERE "integration_outbox"."dedupe_key" is not null and "integration_outbox"."delivered_at" is null and "integration_outbox"."dead_at" is null;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_outbox_recipient_unique" UNIQUE("outbox_id","to_address");