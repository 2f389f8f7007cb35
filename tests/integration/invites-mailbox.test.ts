import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mailboxMessage from '../../app/routes/$org.admin.mailbox.$id';
import { buildInvite } from '../../core/calendar-invite';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { emailMessages } from '../../db/schema/index';
import { createDevMailbox } from '../../workers/mailer/dev-mailbox';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond } from '../support/remix';
import { mimeTreeOf } from '../support/smtp-sink';

let database: TestDatabase;
let context: AppLoadContext;

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
});
afterAll(() => database?.close());

describe('the dev mailbox shows an invite email as SMTP would send it', () => {
  it('keeps the raw message and its MIME tree: mixed → alternative (text, HTML, text/calendar) + the .ics', async () => {
    const org = await createOrganization(database.db, { slug: 'oolite', name: 'Oolite', timeZone: 'America/New_York' });
    const admin = await memberWithSession(context, org.id, 'admin@oolite.test', 'admin');
    const invite = buildInvite({
      uid: 'booking-1@infra24',
      sequence: 2,
      method: 'REQUEST',
      title: 'Glaze firing',
      startsAt: new Date('2030-03-05T15:00:00Z'),
      endsAt: new Date('2030-03-05T17:00:00Z'),
      organizer: { name: 'Oolite', email: 'no-reply@oolite.example' },
      attendee: { name: 'Ana', email: 'ana@example.org' },
      generatedAt: new Date('2030-03-01T12:00:00Z'),
    });
    await createDevMailbox(database.db).send(
      {
        orgId: org.id,
        outboxId: '00000000-0000-4000-8000-000000000001',
        from: { name: 'Oolite, Inc.', address: 'no-reply@oolite.example' },
        to: 'ana@example.org',
        subject: 'Confirmed: Glaze firing',
        html: '<p>Confirmed</p>',
        text: 'Confirmed',
        attachments: [{ filename: invite.filename, contentType: invite.contentType, content: invite.content }],
        calendar: { method: invite.method, filename: invite.filename, content: invite.content },
      },
      'key',
      new AbortController().signal,
    );
    const [row] = await database.db.select().from(emailMessages);
    const page = await respond(() =>
      mailboxMessage.loader({
        request: request(`/oolite/admin/mailbox/${row.id}`, { cookie: admin.cookie }),
        params: { org: 'oolite', id: row.id },
        context,
      }),
    );
    const { message } = (await page.json()) as {
      message: { mimeTree: unknown; rawMessage: string };
    };
    expect(message.rawMessage).toContain('From: "Oolite, Inc." <no-reply@oolite.example>');
    expect(message.rawMessage).toContain('Content-Type: text/calendar; charset=utf-8; method=REQUEST');
    // The stored tree is the one the raw bytes really have.
    const fromRaw = mimeTreeOf(message.rawMessage);
    expect(fromRaw).toEqual({
      contentType: 'multipart/mixed',
      children: [
        {
          contentType: 'multipart/alternative',
          children: [{ contentType: 'text/plain' }, { contentType: 'text/html' }, { contentType: 'text/calendar' }],
        },
        { contentType: 'application/ics' },
      ],
    });
    expect(message.mimeTree).toEqual({
      contentType: 'multipart/mixed',
      children: [
        {
          contentType: 'multipart/alternative',
          children: [{ contentType: 'text/plain' }, { contentType: 'text/html' }, { contentType: 'text/calendar' }],
        },
        { contentType: 'application/ics', filename: 'invite.ics' },
      ],
    });
  });
});
