import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../../db/client';
import { verifyCredentials } from '../../db/operations/accounts/accounts';
import { hashPassword } from '../../db/operations/accounts/passwords';
import { createApiKey } from '../../db/operations/accounts/api-keys';
import { createSession, findSessionUser } from '../../db/operations/accounts/auth-sessions';
import { createOrganization, requireOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { findUserByEmail } from '../../db/operations/accounts/users';
import { issueFeed } from '../../db/operations/feeds/calendar-feeds';
import { setIntegrationSecret } from '../../db/operations/integrations/inbound-events';
import { createWebhookEndpoint } from '../../db/operations/integrations/webhook-endpoints';
import { registerForSession } from '../../db/operations/registrations/registrations';
import { createSeason, storeDraftState } from '../../db/operations/seasons/seasons';
import { readCatalog } from '../../db/org-transfer/catalog';
import { exportOrganization } from '../../db/org-transfer/export';
import { importOrganization } from '../../db/org-transfer/import';
import { type Manifest, sha256 } from '../../db/org-transfer/manifest';
import { emailMessages, memberships, users } from '../../db/schema/index';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed';
import { startApiServer } from '../support/api-server';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createTestResource } from '../support/fixtures';
import { runProcess, temporaryDirectory } from '../support/processes';
import { createWorkshopWithSession } from '../support/workshops';

/** A Monday morning in New York; the demo's bookings fall in the weeks after it. */
const NOW = new Date('2027-01-11T14:00:00Z');

const workDir = temporaryDirectory('infra24-org-export-');
let source: TestDatabase;
let target: TestDatabase;
let draftState: Uint8Array;
let sessionToken: string;
let keyBeforeTheMove: string;
const exportDir = path.join(workDir, 'oolite');

/** The demo organizations, plus in oolite what the demo lacks: a second season draft, a guest registration, a feed, secrets, a sent email. */
async function fillSource(db: Database): Promise<void> {
  await seedDemo(db, NOW);
  const oolite = await requireOrganizationBySlug(db, 'oolite');
  const admin = (await findUserByEmail(db, 'admin@oolite.demo'))!;
  const season = await createSeason(db, {
    orgId: oolite.id,
    actor: ADMIN_ACTOR,
    season: { name: 'Spring 2027', startsOn: '2027-03-01', endsOn: '2027-05-31' },
  });
  const doc = new Y.Doc();
  doc.getMap('cards').set('kiln-intro', 'Kiln intro, Tuesdays');
  draftState = Y.encodeStateAsUpdate(doc);
  await storeDraftState(db, season.id, draftState);
  const room = await createTestResource(db, oolite.id, { title: 'Export room' });
  const { session } = await createWorkshopWithSession(db, {
    orgId: oolite.id,
    resourceId: room.id,
    slug: 'glaze-lab',
    capacity: 4,
    startsAt: '2027-02-03T23:00:00Z',
    endsAt: '2027-02-04T01:00:00Z',
  });
  await registerForSession(db, {
    orgId: oolite.id,
    sessionId: session.id,
    name: 'Guest Potter',
    email: 'guest.potter@example.org',
    audience: 'public',
    baseUrl: 'http://localhost:3000',
    now: NOW,
  });
  await issueFeed(db, { orgId: oolite.id, userId: admin.id, resourceId: null, now: NOW });
  await createWebhookEndpoint(db, { orgId: oolite.id, url: 'https://crm.example/hook', topics: [], secret: undefined });
  await setIntegrationSecret(db, oolite.id, 'calcom', 'calcom-signing-secret');
  await db.insert(emailMessages).values({
    orgId: oolite.id,
    toAddress: 'guest.potter@example.org',
    subject: 'You are registered',
    html: '<p>See you</p>',
    text: 'See you',
    provider: 'mailbox',
  });
  sessionToken = (await createSession(db, admin.id, NOW)).token;
  keyBeforeTheMove = (await createApiKey(db, { orgId: oolite.id, role: 'admin', name: 'before the move' })).key;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

function readRows(dir: string, table: string): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(dir, `${table}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
  await fillSource(source.db);
  await exportOrganization(source.db, 'oolite', exportDir);
}, 120_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('org export and org import', () => {
  it('knows of every table whether it travels: a new table without org_id must be added to NOT_EXPORTED or handled', async () => {
    expect((await readCatalog(source.db)).unclassified).toEqual([]);
  });

  it('writes one JSON Lines file per table with counts and hashes, leaving sign-in secrets and other organizations behind', () => {
    const manifest = readManifest(exportDir);
    expect(manifest.schemaVersion).toMatch(/^\d{4}_/);
    expect(manifest.organization.slug).toBe('oolite');
    const files = fs.readdirSync(exportDir).sort();
    expect(files).toEqual(['manifest.json', ...Object.values(manifest.tables).map((t) => t.file)].sort());
    expect(files).not.toContain('auth_sessions.jsonl');
    expect(files).not.toContain('auth_tokens.jsonl');
    for (const [table, entry] of Object.entries(manifest.tables)) {
      const content = fs.readFileSync(path.join(exportDir, entry.file), 'utf8');
      expect([table, sha256(content), readRows(exportDir, table).length]).toEqual([table, entry.sha256, entry.rows]);
    }
    for (const table of ['bookings', 'resources', 'workshops', 'workshop_registrations', 'memberships', 'api_keys'])
      expect(manifest.tables[table].rows, table).toBeGreaterThan(0);

    const users = readRows(exportDir, 'users');
    expect(users.map((u) => u.email).sort()).toEqual([
      'admin@oolite.demo',
      'guest.potter@example.org',
      'resident@oolite.demo',
      'staff@oolite.demo',
    ]);
    // Members bring their password hash; a guest registrant is only a name and an address.
    expect(users.find((u) => u.email === 'admin@oolite.demo')!.password_hash).toMatch(/^\$argon2/);
    expect(users.find((u) => u.email === 'guest.potter@example.org')!.password_hash).toBeNull();
    const orgIds = new Set(Object.keys(manifest.tables).flatMap((t) => readRows(exportDir, t).map((r) => r.org_id)));
    expect([...orgIds].filter(Boolean)).toEqual([manifest.organization.id]);
    // Two seasons: the demo's own draft and the one made here.
    const season = readRows(exportDir, 'seasons').find((row) => row.name === 'Spring 2027')!;
    expect(Buffer.from(season.draft_state as string, 'base64')).toEqual(Buffer.from(draftState));
    expect(readRows(exportDir, 'email_messages').map((m) => m.subject)).toEqual(['You are registered']);
  });

  it('imports into a fresh installation with every table identical, and the organization works there', async () => {
    const report = await importOrganization(target.db, exportDir, {});
    expect(report.slug).toBe('oolite');
    expect(report.matchedUsers).toBe(0);

    const again = path.join(workDir, 'oolite-again');
    await exportOrganization(target.db, 'oolite', again);
    expect(readManifest(again).tables).toEqual(readManifest(exportDir).tables);

    const oolite = await requireOrganizationBySlug(target.db, 'oolite');
    const { key } = await createApiKey(target.db, { orgId: oolite.id, role: 'staff', name: 'after the move' });
    const api = await startApiServer(target.db);
    const sourceApi = await startApiServer(source.db);
    try {
      const window = '?from=2027-01-01T00:00:00Z&to=2027-04-01T00:00:00Z';
      const moved = await api.request('GET', `/orgs/oolite/bookings${window}`, { key });
      const original = await sourceApi.request('GET', `/orgs/oolite/bookings${window}`, {
        key: (await createApiKey(source.db, { orgId: oolite.id, role: 'staff', name: 'compare' })).key,
      });
      expect(moved.status).toBe(200);
      expect(moved.body.bookings.length).toBeGreaterThan(0);
      expect(moved.body.bookings).toEqual(original.body.bookings);
      // Key hashes travel: a key made before the move keeps working.
      const withOldKey = await api.request('GET', `/orgs/oolite/bookings${window}`, { key: keyBeforeTheMove });
      expect(withOldKey.body.bookings).toEqual(original.body.bookings);
    } finally {
      await api.close();
      await sourceApi.close();
    }
    expect((await verifyCredentials(target.db, 'admin@oolite.demo', DEMO_PASSWORD))?.email).toBe('admin@oolite.demo');
    expect(await findSessionUser(target.db, sessionToken, NOW)).toBeUndefined();
    expect(await findSessionUser(source.db, sessionToken, NOW)).toBeDefined();
  });

  it('refuses an organization that is already there, and a slug that is taken unless --as; people keep their accounts', async () => {
    await expect(importOrganization(target.db, exportDir, {})).rejects.toThrow(
      /is already in this installation as "oolite"/,
    );

    const other = await createTestDatabase();
    try {
      await createOrganization(other.db, { slug: 'oolite', name: 'Another Oolite', timeZone: 'America/New_York' });
      const [existing] = await other.db
        .insert(users)
        .values({
          email: 'admin@oolite.demo',
          name: 'Already here',
          passwordHash: await hashPassword('their-own-password-1'),
        })
        .returning();
      await expect(importOrganization(other.db, exportDir, {})).rejects.toThrow(
        'An organization with slug "oolite" already exists here: add --as <new-slug>',
      );
      await expect(importOrganization(other.db, exportDir, { as: 'API' })).rejects.toThrow(/as: /);

      const report = await importOrganization(other.db, exportDir, { as: 'oolite-archive' });
      expect([report.slug, report.matchedUsers]).toEqual(['oolite-archive', 1]);
      const archive = await requireOrganizationBySlug(other.db, 'oolite-archive');
      const [membership] = await other.db.select().from(memberships).where(eq(memberships.userId, existing.id));
      expect([membership.orgId, membership.role]).toEqual([archive.id, 'admin']);
      expect(await verifyCredentials(other.db, 'admin@oolite.demo', 'their-own-password-1')).toBeDefined();
      expect(await verifyCredentials(other.db, 'admin@oolite.demo', DEMO_PASSWORD)).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('refuses another schema version, changed files and rows of another organization, writing nothing', async () => {
    const fresh = await createTestDatabase();
    const copy = (name: string) => {
      const dir = path.join(workDir, name);
      fs.cpSync(exportDir, dir, { recursive: true });
      return dir;
    };
    /** Rewrites a table's rows and, like a careful forger, its hash and count in the manifest. */
    const forge = (dir: string, table: string, change: (row: Record<string, unknown>) => void) => {
      const rows = readRows(dir, table);
      change(rows[0]);
      const content = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
      fs.writeFileSync(path.join(dir, `${table}.jsonl`), content);
      const manifest = readManifest(dir);
      manifest.tables[table] = { ...manifest.tables[table], sha256: sha256(content), rows: rows.length };
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    };
    try {
      const older = copy('older');
      const manifest = readManifest(older);
      fs.writeFileSync(
        path.join(older, 'manifest.json'),
        JSON.stringify({ ...manifest, schemaVersion: '0003_season_publish' }),
      );
      await expect(importOrganization(fresh.db, older, {})).rejects.toThrow(
        `the export is of schema version 0003_season_publish, this installation is at ${manifest.schemaVersion}`,
      );

      const changed = copy('changed');
      fs.appendFileSync(path.join(changed, 'bookings.jsonl'), '{"id":"x"}\n');
      await expect(importOrganization(fresh.db, changed, {})).rejects.toThrow(
        'bookings.jsonl does not match its SHA-256 in manifest.json',
      );

      const foreign = copy('foreign');
      const bakehouse = await requireOrganizationBySlug(source.db, 'bakehouse');
      forge(foreign, 'bookings', (row) => {
        row.org_id = bakehouse.id;
      });
      await expect(importOrganization(fresh.db, foreign, {})).rejects.toThrow(
        /bookings\.jsonl line 1: org_id is not the exported organization's/,
      );

      const unknownColumn = copy('unknown-column');
      forge(unknownColumn, 'resources', (row) => {
        row.owner = 'someone';
      });
      await expect(importOrganization(fresh.db, unknownColumn, {})).rejects.toThrow(
        'resources.jsonl line 1: unknown column "owner"',
      );

      const planted = copy('planted');
      forge(planted, 'users', (row) => {
        row.id = '00000000-0000-4000-8000-000000000001';
      });
      await expect(importOrganization(fresh.db, planted, {})).rejects.toThrow(
        /users\.jsonl line 1: no row of the organization refers to this user/,
      );

      // Fails on the last tables written: everything before them is rolled back too.
      const broken = copy('broken');
      forge(broken, 'workshop_registrations', (row) => {
        row.email = null;
      });
      await expect(importOrganization(fresh.db, broken, {})).rejects.toThrow(
        /workshop_registrations\.jsonl cannot be imported here/,
      );
      const again = path.join(workDir, 'after-refusals');
      await expect(exportOrganization(fresh.db, 'oolite', again)).rejects.toThrow('No organization with slug "oolite"');
      expect(await findUserByEmail(fresh.db, 'admin@oolite.demo')).toBeUndefined();
      expect(fs.existsSync(again)).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it.skipIf(needsPostgres('org export from PostgreSQL into the embedded database'))(
    'moves an organization from PostgreSQL to the embedded database with the command line, hashes unchanged',
    async () => {
      const dataDir = path.join(workDir, 'embedded');
      const embedded = { DATABASE_URL: '', DATA_DIR: dataDir };
      const cliExport = path.join(workDir, 'cli-export');
      const exported = await runProcess('cli.ts', ['org', 'export', '--org', 'oolite', '--out', cliExport], {
        DATABASE_URL: source.url ?? '',
        DATA_DIR: path.join(workDir, 'unused'),
      });
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toContain('keep it as safe as the database');
      const imported = await runProcess('cli.ts', ['org', 'import', '--in', cliExport], embedded);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/^Imported oolite: \d+ rows\./);
      const back = path.join(workDir, 'from-embedded');
      const reexported = await runProcess('cli.ts', ['org', 'export', '--org', 'oolite', '--out', back], embedded);
      expect(reexported.code, reexported.stderr).toBe(0);
      expect(readManifest(back).tables).toEqual(readManifest(cliExport).tables);
      const taken = await runProcess('cli.ts', ['org', 'import', '--in', cliExport], embedded);
      expect([taken.code, taken.stderr.trim()]).toEqual([
        1,
        expect.stringContaining('is already in this installation'),
      ]);
    },
    120_000,
  );
});
