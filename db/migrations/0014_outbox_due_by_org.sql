-- The relay claims each organization's oldest due rows in turn (fair delivery): one index probe per organization.
CREATE INDEX IF NOT EXISTS "integration_outbox_due_by_org_idx" ON "integration_outbox" USING btree ("org_id","deliver_after") WHERE "integration_outbox"."delivered_at" is null and "integration_outbox"."dead_at" is null;
