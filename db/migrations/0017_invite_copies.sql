CREATE TABLE "invite_copies" (
	"org_id" uuid NOT NULL,
	"uid" text NOT NULL,
	"email" text NOT NULL,
	"sequence" integer NOT NULL,
	"method" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invite_copies_org_id_uid_email_pk" PRIMARY KEY("org_id","uid","email"),
	CONSTRAINT "invite_copies_method_check" CHECK ("invite_copies"."method" in ('REQUEST', 'CANCEL', 'PUBLISH'))
);
--> statement-breakpoint
ALTER TABLE "invite_copies" ADD CONSTRAINT "invite_copies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "replaces_invites" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "raw_message" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "mime_tree" jsonb;--> statement-breakpoint
-- Invites sent before this table existed: the newest attachment per person and UID says what they hold.
INSERT INTO "invite_copies" ("org_id", "uid", "email", "sequence", "method", "sent_at", "event_at")
SELECT DISTINCT ON ("org_id", "uid", "email") "org_id", "uid", "email", "sequence", "method", "sent_at", "sent_at"
FROM (
	SELECT m."org_id",
		substring(a->>'content' from 'UID:([^\r\n]+)') AS "uid",
		lower(m."to_address") AS "email",
		coalesce(substring(a->>'content' from 'SEQUENCE:([0-9]+)')::integer, 0) AS "sequence",
		substring(a->>'content' from 'METHOD:([A-Z]+)') AS "method",
		m."created_at" AS "sent_at"
	FROM "email_messages" m, jsonb_array_elements(m."attachments") a
	WHERE m."org_id" IS NOT NULL
) sent
WHERE "uid" IS NOT NULL AND "method" IN ('REQUEST', 'CANCEL')
ORDER BY "org_id", "uid", "email", "sent_at" DESC;
