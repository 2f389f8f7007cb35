import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/env';
import { parseWebhookAllowList } from '../../core/webhook-addresses';
import type { OutboxRow } from '../../db/operations/outbox/outbox-relay';
import { webhookEndpoints } from '../../db/schema/index';
import { createDevMailbox } from '../../workers/mailer/dev-mailbox';
import { createDispatcher } from '../../workers/dispatch';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, type OrgFixture } from '../support/fixtures';
import { freePort } from '../support/processes';
import { startReceiver } from '../support/receiver';

const OCCURRED = new Date('2026-03-02T15:00:00Z');

describe('webhooks cannot be pointed at internal services', () => {
  let database: TestDatabase;
  let strict: ApiServer;
  let permissive: ApiServer;
  let fixture: OrgFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    strict = await startApiServer(database.db);
    permissive = await startApiServer(database.db, { webhookAllowedHosts: parseWebhookAllowList(['127.0.0.1']) });
    fixture = await createOrgWithKeys(database.db, 'ssrf');
    receiver = await startReceiver(() => ({ status: 200 }));
  });
  afterAll(async () => {
    await strict?.close();
    await permissive?.close();
    await receiver?.close();
    await database?.close();
  });

  it('refuses a literal loopback, private, link-local or metadata address when the endpoint is added (422 naming url)', async () => {
    for (const url of [
      'http://127.0.0.1:6379/',
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/',
      'http://[fd00:ec2::254]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0:3000/',
      'http://localhost:5432/',
    ]) {
      const answer = await strict.request('POST', '/orgs/ssrf/webhook-endpoints', {
        key: fixture.adminKey,
        body: { url },
      });
      expect([url, answer.status, Object.keys(answer.body.error?.fields ?? {})]).toEqual([url, 422, ['url']]);
    }
    expect(await database.db.select().from(webhookEndpoints)).toEqual([]);
    // The installation may allow a host all the same.
    const allowed = await permissive.request('POST', '/orgs/ssrf/webhook-endpoints', {
      key: fixture.adminKey,
      body: { url: `${receiver.url}/hook` },
    });
    expect(allowed.status).toBe(201);
    await database.db.delete(webhookEndpoints);
  });

  it('refuses a WEBHOOK_ALLOWED_HOSTS that is not a list of hosts, addresses or CIDR ranges, naming it', () => {
    expect(() => parseConfig({ WEBHOOK_ALLOWED_HOSTS: '10.0.0.0/99' })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    expect(parseConfig({ WEBHOOK_ALLOWED_HOSTS: 'crm.internal, 10.20.0.0/16' }).WEBHOOK_ALLOWED_HOSTS).toEqual([
      'crm.internal',
      '10.20.0.0/16',
    ]);
  });

  async function deliverTo(urls: string[], allowedHosts: string[] = []): Promise<string | undefined> {
    await database.db.delete(webhookEndpoints);
    // Written directly, as an endpoint added before this check or whose name now resolves elsewhere would be.
    await database.db
      .insert(webhookEndpoints)
      .values(urls.map((url) => ({ orgId: fixture.org.id, url, secret: 'whsec_0123456789abcdef', topics: [] })));
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the endpoint list is cached for a second
    const deliver = createDispatcher({
      db: database.db,
      mailer: createDevMailbox(database.db),
      from: 'no-reply@infra24.example',
      now: () => OCCURRED,
      webhooks: { allowedHosts: parseWebhookAllowList(allowedHosts), timeoutMs: 2_000 },
    });
    const event = {
      id: crypto.randomUUID(),
      orgId: fixture.org.id,
      topic: 'booking.noted',
      payload: {},
      createdAt: OCCURRED,
    } as unknown as OutboxRow;
    try {
      await deliver(event, new AbortController().signal);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('checks the resolved address at delivery: a name that resolves to loopback is not contacted', async () => {
    const port = new URL(receiver.url).port;
    const before = receiver.received.length;
    const error = await deliverTo([`http://localhost:${port}/hook`, `${receiver.url}/literal`]);
    expect(receiver.received.length).toBe(before);
    expect(error).toContain(`webhook http://localhost:${port}/hook: address not allowed`);
    expect(error).toContain(`webhook ${receiver.url}/literal: address not allowed`);
    // Allowed by the installation, the same endpoints are reached.
    expect(await deliverTo([`http://localhost:${port}/hook`], ['localhost', '127.0.0.1', '::1'])).toBeUndefined();
    expect(receiver.received.length).toBe(before + 1);
  });

  it('reports failures without network detail: a closed port and an open non-HTTP port read the same', async () => {
    const closedPort = await freePort();
    const silent = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const openPort = (silent.address() as net.AddressInfo).port;
    try {
      const error = await deliverTo(
        [`http://127.0.0.1:${closedPort}/a`, `http://127.0.0.1:${openPort}/a`],
        ['127.0.0.1'],
      );
      expect(error).toBe(
        `webhook http://127.0.0.1:${closedPort}/a: could not connect; webhook http://127.0.0.1:${openPort}/a: could not connect`,
      );
    } finally {
      silent.close();
    }
  });
});
