import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationOutbox, webhookEndpoints } from '../../db/schema/index';
import { createDispatcher } from '../../workers/dispatch';
import { createDevMailbox } from '../../workers/mailer/dev-mailbox';
import { startRelay } from '../../workers/relay';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, type OrgFixture } from '../support/fixtures';

describe('API: webhook endpoints, outbox and mailbox', () => {
  let database: TestDatabase;
  let server: ApiServer;
  let fixture: OrgFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A demo without an email provider: the only kind of mailbox that shows sign-in links (ADR 023).
    server = await startApiServer(database.db, { mailboxShowsSecretLinks: true });
    fixture = await createOrgWithKeys(database.db, 'outbox-api');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('lets an admin add, list and remove webhook endpoints; the secret is shown once', async () => {
    const key = fixture.adminKey;
    const created = await server.request('POST', '/orgs/outbox-api/webhook-endpoints', {
      key,
      body: { url: 'https://crm.example/hooks', topics: ['booking.confirmed'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const list = await server.request('GET', '/orgs/outbox-api/webhook-endpoints', { key });
    expect(list.body.endpoints).toEqual([
      {
        id: created.body.id,
        url: 'https://crm.example/hooks',
        topics: ['booking.confirmed'],
        active: true,
        createdAt: created.body.createdAt,
      },
    ]);
    expect(
      (await server.request('DELETE', `/orgs/outbox-api/webhook-endpoints/${created.body.id}`, { key })).status,
    ).toBe(204);
    expect(
      (await server.request('DELETE', `/orgs/outbox-api/webhook-endpoints/${created.body.id}`, { key })).status,
    ).toBe(404);
  });

  it('refuses staff keys and bad input, naming the field, and writes nothing', async () => {
    const staff = await server.request('POST', '/orgs/outbox-api/webhook-endpoints', {
      key: fixture.staffKey,
      body: { url: 'https://crm.example/x' },
    });
    expect(staff.status).toBe(403);
    const badUrl = await server.request('POST', '/orgs/outbox-api/webhook-endpoints', {
      key: fixture.adminKey,
      body: { url: 'ftp://crm.example' },
    });
    expect(badUrl.status).toBe(422);
    expect(Object.keys(badUrl.body.error.fields)).toEqual(['url']);
    const badTopic = await server.request('POST', '/orgs/outbox-api/webhook-endpoints', {
      key: fixture.adminKey,
      body: { url: 'https://crm.example', topics: ['account.magic_link'] },
    });
    expect(badTopic.status).toBe(422);
    expect(Object.keys(badTopic.body.error.fields)).toEqual(['topics.0']);
    expect(await database.db.select().from(webhookEndpoints)).toEqual([]);
  });

  it('counts events by state, lists failures with last_error, retries one and redrives the dead', async () => {
    const { db } = database;
    const orgId = fixture.org.id;
    const past = new Date('2030-01-01T00:00:00Z');
    const [pending, retrying, dead] = await db
      .insert(integrationOutbox)
      .values([
        { orgId, topic: 'booking.noted', payload: {}, deliverAfter: new Date('2999-01-01T00:00:00Z') },
        {
          orgId,
          topic: 'booking.noted',
          payload: {},
          retryCount: 2,
          lastError: 'webhook answered 500',
          deliverAfter: new Date('2999-01-01T00:00:00Z'),
        },
        { orgId, topic: 'booking.noted', payload: {}, retryCount: 12, lastError: 'timed out', deadAt: past },
      ])
      .returning();
    await db.insert(integrationOutbox).values({ orgId, topic: 'booking.noted', payload: {}, deliveredAt: past });
    const key = fixture.staffKey;
    const outbox = await server.request('GET', '/orgs/outbox-api/outbox', { key });
    expect(outbox.body.counts).toEqual({ pending: 1, retrying: 1, dead: 1, delivered: 1 });
    expect(outbox.body.failures.map((f: { id: string; lastError: string }) => [f.id, f.lastError]).sort()).toEqual(
      [
        [retrying.id, 'webhook answered 500'],
        [dead.id, 'timed out'],
      ].sort(),
    );

    const retried = await server.request('POST', `/orgs/outbox-api/outbox/${retrying.id}/retry`, { key });
    expect(retried.status).toBe(200);
    expect(new Date(retried.body.deliverAfter).getTime()).toBeLessThanOrEqual(Date.now());
    expect(
      (await server.request('POST', `/orgs/outbox-api/outbox/${pending.id}/retry`, { key: 'i24_unknown' })).status,
    ).toBe(401);

    const redrive = await server.request('POST', '/orgs/outbox-api/outbox/redrive', { key });
    expect(redrive.body).toEqual({ redriven: 1 });
    const [revived] = await db.select().from(integrationOutbox).where(eq(integrationOutbox.id, dead.id));
    expect(revived).toMatchObject({ deadAt: null, retryCount: 0, lastError: 'timed out' });
  });

  it('shows the dev mailbox: the list, then one email with HTML, text and attachments', async () => {
    const { db } = database;
    await db.insert(integrationOutbox).values({
      orgId: fixture.org.id,
      topic: 'account.magic_link',
      payload: {
        email: 'ana@example.org',
        name: 'Ana',
        url: 'https://infra24.example/login/abc',
        expiresAt: '2030-01-01T12:15:00Z',
      },
    });
    const relay = await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      deliver: createDispatcher({ db, mailer: createDevMailbox(db), from: 'no-reply@infra24.example' }),
      now: () => new Date('2999-06-01T00:00:00Z'), // everything above is due
    });
    await relay.idle();
    await relay.stop(100);
    const list = await server.request('GET', '/orgs/outbox-api/mailbox?to=ana@example.org', { key: fixture.staffKey });
    expect(list.body.messages).toHaveLength(1);
    expect(list.body.messages[0].subject).toBe('Your sign-in link for outbox-api arts');
    const message = await server.request('GET', `/orgs/outbox-api/mailbox/${list.body.messages[0].id}`, {
      key: fixture.staffKey,
    });
    expect(message.body.html).toContain('https://infra24.example/login/abc');
    expect(message.body.text).toContain('https://infra24.example/login/abc');
    expect(message.body.attachments).toEqual([]);
    expect((await server.request('GET', '/orgs/outbox-api/mailbox?to=nobody', { key: fixture.staffKey })).status).toBe(
      422,
    );
  });
});
