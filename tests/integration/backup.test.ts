import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createBooking } from '../../db/operations/bookings/bookings';
import { createTestDatabase, needsPostgres } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR } from '../support/fixtures';
import { databaseUrl, withAdminClient } from '../support/postgres';
import {
  assertBuilt,
  freePort,
  runProcess,
  startProcess,
  temporaryDirectory,
  type RunningProcess,
} from '../support/processes';
import type { Database } from '../../db/client';

const workDir = temporaryDirectory('infra24-backup-');
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const cli = (env: Record<string, string>, ...args: string[]) => runProcess('cli.ts', args, env);

/** An organization with a resource and a booking at a fixed instant; returns its admin key. */
async function addContent(db: Database): Promise<string> {
  const { org, adminKey } = await createOrgWithKeys(db, 'wynwood');
  const resource = await createTestResource(db, org.id, { title: 'Print shop' });
  await createBooking(db, {
    orgId: org.id,
    actor: STAFF_ACTOR,
    input: {
      resourceId: resource.id,
      title: 'Risograph night',
      startsAt: '2027-03-14T22:00:00Z',
      endsAt: '2027-03-15T00:00:00Z',
      status: 'confirmed',
    },
  });
  return adminKey;
}

/** Starts the whole server on the given database and returns the titles of wynwood's bookings, read through the API. */
async function bookingTitlesThroughServer(env: Record<string, string>, adminKey: string): Promise<string[]> {
  assertBuilt();
  const port = await freePort();
  const server: RunningProcess = startProcess('server.ts', ['all'], { ...env, PORT: String(port), DEMO: '0' });
  try {
    await server.waitFor(/API reference/, 60_000);
    const response = await fetch(
      `http://127.0.0.1:${port}/api/v1/orgs/wynwood/bookings?from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z`,
      { headers: { authorization: `Bearer ${adminKey}` } },
    );
    const body = (await response.json()) as { bookings: { title: string }[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body.bookings.map((b) => b.title);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}

describe.skipIf(needsPostgres('backup and restore on PostgreSQL'))('db backup and db restore on PostgreSQL', () => {
  it('restores a backup into a new database that the server then serves, and will not overwrite data without --force', async () => {
    const source = await createTestDatabase();
    const targetName = `infra24_restore_${process.pid}`;
    await withAdminClient((admin) => admin.query(`create database ${targetName}`));
    const target = { DATABASE_URL: databaseUrl(targetName) };
    try {
      const adminKey = await addContent(source.db);
      const file = path.join(workDir, 'postgres.dump');
      const backup = await cli({ DATABASE_URL: source.url! }, 'db', 'backup', '--out', file);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/Backed up the PostgreSQL database \(server \d+, pg_dump \d+\)/);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');

      const again = await cli({ DATABASE_URL: source.url! }, 'db', 'backup', '--out', file);
      expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('already exists')]);

      const restored = await cli(target, 'db', 'restore', '--in', file);
      expect(restored.code, restored.stderr).toBe(0);
      const refused = await cli(target, 'db', 'restore', '--in', file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is not empty (rows in');
      expect(refused.stderr).toContain('--force');
      const forced = await cli(target, 'db', 'restore', '--in', file, '--force');
      expect(forced.code, forced.stderr).toBe(0);

      expect(await bookingTitlesThroughServer(target, adminKey)).toEqual(['Risograph night']);
    } finally {
      await source.close();
      await withAdminClient((admin) => admin.query(`drop database if exists ${targetName} with (force)`));
    }
  }, 180_000);

  it('names the kind of backup when it does not fit the database, and changes nothing', async () => {
    const target = await createTestDatabase();
    try {
      const notABackup = path.join(workDir, 'notes.txt');
      fs.writeFileSync(notABackup, 'hello');
      const wrongFile = await cli({ DATABASE_URL: target.url! }, 'db', 'restore', '--in', notABackup);
      expect([wrongFile.code, wrongFile.stderr.trim()]).toEqual([
        1,
        expect.stringContaining('is not an Infra24 backup'),
      ]);
      const tarball = path.join(workDir, 'fake.tar.gz');
      fs.writeFileSync(tarball, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
      const wrongKind = await cli({ DATABASE_URL: target.url! }, 'db', 'restore', '--in', tarball, '--force');
      expect(wrongKind.stderr).toContain('is a backup of an embedded database; restore it without DATABASE_URL');
      const missing = await cli({ DATABASE_URL: target.url! }, 'db', 'backup');
      expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('--out is required')]);
    } finally {
      await target.close();
    }
  });
});

describe('db backup and db restore on the embedded database', () => {
  it('copies the data directory only while no server holds it, and restores it into another one the server then serves', async () => {
    const sourceDir = path.join(workDir, 'source');
    const targetDir = path.join(workDir, 'target');
    fs.mkdirSync(sourceDir);
    const handle = await openPglite(path.join(sourceDir, 'pglite'));
    let adminKey: string;
    try {
      await migrateDatabase(handle);
      adminKey = await addContent(handle.db);
    } finally {
      await handle.close();
    }
    const source = { DATABASE_URL: '', DATA_DIR: sourceDir };
    const target = { DATABASE_URL: '', DATA_DIR: targetDir };
    const file = path.join(workDir, 'embedded.tar.gz');

    const server = startProcess('server.ts', ['worker'], { ...source, PORT: '0', DEMO: '0' });
    try {
      await server.waitFor(/Infra24 is running/);
      const busy = await cli(source, 'db', 'backup', '--out', file);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`The embedded database in ${sourceDir} is in use by the Infra24 server (worker)`);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const backup = await cli(source, 'db', 'backup', '--out', file);
    expect(backup.code, backup.stderr).toBe(0);
    const restored = await cli(target, 'db', 'restore', '--in', file);
    expect(restored.code, restored.stderr).toBe(0);
    const refused = await cli(source, 'db', 'restore', '--in', file);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`${sourceDir} is not empty`)]);
    const forced = await cli(source, 'db', 'restore', '--in', file, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readdirSync(sourceDir)).toEqual(['pglite']);
    const postgresDump = path.join(workDir, 'fake.dump');
    fs.writeFileSync(postgresDump, 'PGDMP');
    const wrongKind = await cli(target, 'db', 'restore', '--in', postgresDump, '--force');
    expect([wrongKind.code, wrongKind.stderr]).toEqual([
      1,
      expect.stringContaining('is a PostgreSQL backup; restore it with DATABASE_URL'),
    ]);

    expect(await bookingTitlesThroughServer(target, adminKey)).toEqual(['Risograph night']);
    expect(fs.readdirSync(targetDir).sort()).toEqual(['pglite']);
  }, 240_000);
});
