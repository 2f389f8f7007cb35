import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { whyRedisUnreachable } from '../../collab-server/redis';
import { openPostgres } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { databaseUrl, postgresReachable, templateName, withAdminClient } from './postgres';
import { testRedisUrl } from './redis';

export const SKIPPED_SUITES_FILE = path.resolve('.cache/skipped-suites.log');

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string | null;
    /** The Redis that suites running several collab processes use, or null when it is unreachable. */
    redisUrl: string | null;
  }
}

/** Builds the migrated template database once per run; every test file clones it (CREATE DATABASE … TEMPLATE). */
async function ensureTemplate(): Promise<string> {
  const name = templateName();
  await withAdminClient(async (admin) => {
    await admin.query('select pg_advisory_lock(240025)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building}`);
      await admin.query(`create database ${building}`);
      const handle = openPostgres(databaseUrl(building), { maxConnections: 1 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    } finally {
      await admin.query('select pg_advisory_unlock(240025)');
    }
  });
  return name;
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(path.dirname(SKIPPED_SUITES_FILE), { recursive: true });
  fs.rmSync(SKIPPED_SUITES_FILE, { force: true });
  const unreachable = await postgresReachable();
  if (unreachable && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable: ${unreachable}`);
  }
  if (unreachable) {
    console.warn(`\nPostgreSQL is not reachable (${unreachable}); running on embedded PGlite instead.\n`);
    project.provide('postgresTemplate', null);
  } else {
    project.provide('postgresTemplate', await ensureTemplate());
  }
  const redisUnreachable = await whyRedisUnreachable(testRedisUrl());
  if (redisUnreachable && process.env.REQUIRE_REDIS === '1') {
    throw new Error(`REQUIRE_REDIS=1 but Redis is not reachable at ${testRedisUrl()}: ${redisUnreachable}`);
  }
  if (redisUnreachable)
    console.warn(
      `\nRedis is not reachable at ${testRedisUrl()} (${redisUnreachable}); suites that need it are skipped.\n`,
    );
  project.provide('redisUrl', redisUnreachable ? null : testRedisUrl());
  return () => {
    if (!fs.existsSync(SKIPPED_SUITES_FILE)) return;
    const lines = [...new Set(fs.readFileSync(SKIPPED_SUITES_FILE, 'utf8').trim().split('\n'))];
    console.warn(`\nSuites not run on this machine:\n${lines.map((l) => `  - ${l}`).join('\n')}\n`);
  };
}
