-- Emails that carry a sign-in, reset or invitation link (ADR 023): the mailbox hides them unless
-- the installation runs as a demo without an email provider.
ALTER TABLE "email_messages" ADD COLUMN "carries_secret_link" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Account emails are the ones with no organization, and invitations; the outbox row may be pruned already.
UPDATE "email_messages" SET "carries_secret_link" = true
WHERE "org_id" IS NULL
  OR "subject" LIKE '% invited you to %'
  OR "outbox_id" IN (SELECT "id" FROM "integration_outbox" WHERE "topic" LIKE 'account.%');
