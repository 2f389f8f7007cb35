import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInvite } from '../../core/calendar-invite';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { emailMessages } from '../../db/schema/index';
import { createResendMailer } from '../../workers/mailer/resend';
import { createRoutingMailer, createSmtpMailer } from '../../workers/mailer/smtp';
import type { OutgoingEmail } from '../../workers/mailer/types';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startReceiver } from '../support/receiver';
import { startSmtpSink } from '../support/smtp-sink';

let database: TestDatabase;
let resend: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  database = await createTestDatabase();
  resend = await startReceiver(() => ({ status: 200, body: JSON.stringify({ id: 're_1' }) }));
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await resend?.close();
  await smtp?.close();
  await database?.close();
});

describe('SMTP_URL with RESEND_API_KEY: invites by SMTP, the rest by the HTTP API', () => {
  it('routes each email by whether it carries an invite, and quotes the sender for Resend too', async () => {
    const org = await createOrganization(database.db, { slug: 'oolite', name: 'Oolite', timeZone: 'America/New_York' });
    const mailer = createRoutingMailer({
      invites: createSmtpMailer(database.db, { url: smtp.url }),
      plain: createResendMailer(database.db, { apiKey: 're_test', baseUrl: resend.url }),
    });
    const invite = buildInvite({
      uid: 'booking-1@infra24',
      sequence: 1,
      method: 'CANCEL',
      title: 'Glaze firing',
      startsAt: new Date('2030-03-05T15:00:00Z'),
      endsAt: new Date('2030-03-05T17:00:00Z'),
      organizer: { name: 'Oolite, Inc.', email: 'no-reply@oolite.example' },
      generatedAt: new Date('2030-03-01T12:00:00Z'),
    });
    const base: OutgoingEmail = {
      orgId: org.id,
      outboxId: '00000000-0000-4000-8000-000000000001',
      from: { name: 'Oolite, Inc.', address: 'no-reply@oolite.example' },
      to: 'ana@example.org',
      subject: 'Cancelled: Glaze firing',
      html: '<p>Cancelled</p>',
      text: 'Cancelled',
      attachments: [],
    };
    const signal = new AbortController().signal;
    await mailer.send(
      {
        ...base,
        attachments: [{ filename: invite.filename, contentType: invite.contentType, content: invite.content }],
        calendar: { method: invite.method, filename: invite.filename, content: invite.content },
      },
      'k1',
      signal,
    );
    await mailer.send({ ...base, to: 'bo@example.org', subject: 'Your sign-in link' }, 'k2', signal);

    expect(smtp.received.map((m) => m.to)).toEqual([['ana@example.org']]);
    expect(smtp.received[0].raw).toContain('Content-Type: text/calendar; charset=utf-8; method=CANCEL');
    expect(resend.received).toHaveLength(1);
    expect(JSON.parse(resend.received[0].body)).toMatchObject({
      to: 'bo@example.org',
      from: '"Oolite, Inc." <no-reply@oolite.example>',
    });
    const rows = await database.db.select().from(emailMessages).orderBy(emailMessages.toAddress);
    expect(rows.map((r) => [r.toAddress, r.provider])).toEqual([
      ['ana@example.org', 'smtp'],
      ['bo@example.org', 'resend'],
    ]);
    expect(rows[0].mimeTree?.contentType).toBe('multipart/mixed');
  });

  it('a refused message is a delivery error the relay retries, and nothing is recorded', async () => {
    const mailer = createSmtpMailer(database.db, { url: 'smtp://127.0.0.1:1' });
    await expect(
      mailer.send(
        {
          orgId: null,
          outboxId: '00000000-0000-4000-8000-000000000009',
          from: { name: 'Oolite', address: 'no-reply@oolite.example' },
          to: 'cy@example.org',
          subject: 'Hello',
          html: '<p>Hello</p>',
          text: 'Hello',
          attachments: [],
        },
        'k3',
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({ name: 'DeliveryError', message: expect.stringMatching(/^SMTP refused the email/) });
    const rows = await database.db.select().from(emailMessages);
    expect(rows.map((r) => r.toAddress)).not.toContain('cy@example.org');
  });
});
