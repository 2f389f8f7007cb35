import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mailboxMessage from '../../app/routes/$org.admin.mailbox.$id';
import * as mailboxAttachment from '../../app/routes/$org.admin.mailbox.$id.attachments.$index';
import * as mailboxPage from '../../app/routes/$org.admin.mailbox._index';
import { recordEmail } from '../../db/operations/outbox/email-messages';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { emailMessages } from '../../db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;
let adminCookie: string;
let inviteId: string;

const INVITE = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  const oolite = await createOrganization(database.db, {
    slug: 'oolite',
    name: 'Oolite',
    timeZone: 'America/New_York',
  });
  const other = await createOrganization(database.db, { slug: 'other', name: 'Other', timeZone: 'America/New_York' });
  adminCookie = (await memberWithSession(context, oolite.id, 'admin@oolite.test', 'admin')).cookie;
  await memberWithSession(context, oolite.id, 'resident@oolite.test', 'resident');
  await memberWithSession(context, other.id, 'someone@other.test', 'staff');
  const base = { html: '<p>hi</p>', text: 'hi', provider: 'dev' };
  await recordEmail(database.db, {
    ...base,
    orgId: oolite.id,
    toAddress: 'resident@oolite.test',
    subject: 'Booking confirmed',
    attachments: [
      { filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8', content: INVITE },
    ],
  });
  await recordEmail(database.db, {
    ...base,
    orgId: null,
    toAddress: 'resident@oolite.test',
    subject: 'Your sign-in link',
    attachments: [],
  });
  await recordEmail(database.db, {
    ...base,
    orgId: null,
    toAddress: 'someone@other.test',
    subject: 'Another org member link',
    attachments: [],
  });
  await recordEmail(database.db, {
    ...base,
    orgId: other.id,
    toAddress: 'someone@other.test',
    subject: 'Other org booking',
    attachments: [],
  });
  const rows = await database.db.select().from(emailMessages);
  inviteId = rows.find((r) => r.subject === 'Booking confirmed')!.id;
});
afterAll(() => database?.close());

describe('the dev mailbox', () => {
  it("shows the organization's emails and its members' account emails, nobody else's", async () => {
    const response = await respond(() =>
      mailboxPage.loader({
        request: request('/oolite/admin/mailbox', { cookie: adminCookie }),
        params: { org: 'oolite' },
        context,
      }),
    );
    const { messages } = (await response.json()) as { messages: { subject: string }[] };
    expect(messages.map((m) => m.subject).sort()).toEqual(['Booking confirmed', 'Your sign-in link']);
  });

  it('downloads the invite with its method in the content type', async () => {
    const params = { org: 'oolite', id: inviteId, index: '0' };
    const response = await respond(() =>
      mailboxAttachment.loader({
        request: request(`/oolite/admin/mailbox/${inviteId}/attachments/0`, { cookie: adminCookie }),
        params,
        context,
      }),
    );
    expect(response.headers.get('content-type')).toBe('text/calendar; method=REQUEST; charset=utf-8');
    expect(await response.text()).toBe(INVITE);
    const page = await respond(() =>
      mailboxMessage.loader({
        request: request(`/oolite/admin/mailbox/${inviteId}`, { cookie: adminCookie }),
        params,
        context,
      }),
    );
    expect(((await page.json()) as { message: { attachments: unknown[] } }).message.attachments).toEqual([
      { index: 0, filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8' },
    ]);
  });
});

describe('undeliverable addresses', () => {
  it('shows staff the addresses of theirs that bounced, and not those of other organizations', async () => {
    const { suppressAddress } = await import('../../db/operations/outbox/email-messages');
    const outboxPage = await import('../../app/routes/$org.admin.outbox');
    await suppressAddress(database.db, { address: 'resident@oolite.test', reason: 'bounced' });
    await suppressAddress(database.db, { address: 'someone@other.test', reason: 'complained' });
    const response = await respond(() =>
      outboxPage.loader({
        request: request('/oolite/admin/outbox', { cookie: adminCookie }),
        params: { org: 'oolite' },
        context,
      }),
    );
    const { undeliverable } = (await response.json()) as { undeliverable: { address: string; reason: string }[] };
    expect(undeliverable.map((u) => [u.address, u.reason])).toEqual([['resident@oolite.test', 'bounced']]);
  });
});
