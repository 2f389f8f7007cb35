import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInvite } from '../../core/calendar-invite';
import { openPglite, type DatabaseHandle } from '../../db/client';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { inviteCopies } from '../../db/schema/index';

/** The migrations as they were before invite_copies, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'infra24-migrations-'));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.filter((entry: { tag: string }) => entry.tag < tag);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

const invite = (method: 'REQUEST' | 'CANCEL', sequence: number) =>
  buildInvite({
    uid: 'session-1@infra24',
    sequence,
    method,
    title: 'Etching',
    startsAt: new Date('2030-06-04T22:00:00Z'),
    endsAt: new Date('2030-06-05T00:00:00Z'),
    organizer: { name: 'Oolite', email: 'no-reply@oolite.example' },
    attendee: { name: 'Ana', email: 'ana@example.org' },
    generatedAt: new Date('2030-05-01T12:00:00Z'),
  });

describe('migration 0017 remembers the invites sent before it', () => {
  let handle: DatabaseHandle;
  afterAll(() => handle?.close());

  it('fills invite_copies from the newest .ics each person was emailed', async () => {
    handle = await openPglite();
    const folder = migrationsBefore('0017');
    await migrate(drizzle({ client: handle.pglite! }), { migrationsFolder: folder });
    fs.rmSync(folder, { recursive: true, force: true });
    const org = await createOrganization(handle.db, { slug: 'oolite', name: 'Oolite', timeZone: 'America/New_York' });
    const sent = [
      { to: 'Ana@Example.org', outbox: '00000000-0000-4000-8000-000000000001', file: invite('REQUEST', 0) },
      { to: 'ana@example.org', outbox: '00000000-0000-4000-8000-000000000002', file: invite('CANCEL', 1) },
      { to: 'bo@example.org', outbox: '00000000-0000-4000-8000-000000000001', file: invite('REQUEST', 0) },
    ];
    // Raw SQL: the schema in code already has the columns this migration adds.
    for (const [i, mail] of sent.entries()) {
      const attachments = JSON.stringify([
        { filename: mail.file.filename, contentType: mail.file.contentType, content: mail.file.content },
      ]);
      await handle.db.execute(sql`
        insert into email_messages (org_id, outbox_id, to_address, subject, html, text, attachments, provider, created_at)
        values (${org.id}, ${mail.outbox}, ${mail.to.toLowerCase()}, ${`Mail ${i}`}, '', '', ${attachments}::jsonb, 'dev',
                ${new Date(Date.UTC(2030, 4, 1, 12, i)).toISOString()})`);
    }
    await migrateDatabase(handle);
    const copies = await handle.db.select().from(inviteCopies).orderBy(inviteCopies.email);
    expect(copies.map(({ uid, email, sequence, method }) => ({ uid, email, sequence, method }))).toEqual([
      { uid: 'session-1@infra24', email: 'ana@example.org', sequence: 1, method: 'CANCEL' },
      { uid: 'session-1@infra24', email: 'bo@example.org', sequence: 0, method: 'REQUEST' },
    ]);
  });
});
