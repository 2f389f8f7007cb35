import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { requireOrganizationBySlug } from '../operations/accounts/organizations';
import { readCatalog, type TransferTable } from './catalog';
import { currentSchemaVersion, FORMAT_NAME, FORMAT_VERSION, type Manifest, sha256, toJsonLines } from './manifest';
import { AppError } from '../../core/errors';

type Row = Record<string, unknown>;

/** bytea (the season drafts' Yjs state) travels as base64 without line breaks; the rest as PostgreSQL renders it in JSON. */
function selectList(table: TransferTable): SQL {
  return sql.join(
    table.columns.map((column) =>
      column.type === 'bytea'
        ? sql`translate(encode(${sql.identifier(column.name)}, 'base64'), E'\n', '') as ${sql.identifier(column.name)}`
        : sql.identifier(column.name),
    ),
    sql`, `,
  );
}

async function selectRows(db: Executor, table: TransferTable, where: SQL): Promise<Row[]> {
  const { rows } = await db.execute(
    sql`select row_to_json(r)::text as line from (select ${selectList(table)} from ${sql.identifier(table.name)} where ${where}) r`,
  );
  return (rows as { line: string }[]).map(({ line }) => JSON.parse(line) as Row);
}

/**
 * The users an organization's rows point at. Members bring their password hash (it is their
 * account); anyone else (a registrant, a former member named in the audit log) only name and email.
 */
async function reachableUsers(
  db: Executor,
  users: TransferTable,
  rowsByTable: Map<string, Row[]>,
  userReferences: Map<string, string[]>,
): Promise<Row[]> {
  const ids = new Set<string>();
  for (const [table, columns] of userReferences) {
    for (const row of rowsByTable.get(table) ?? []) {
      if (table === 'audit_log' && row.actor_type !== 'user') continue;
      for (const column of columns) if (typeof row[column] === 'string') ids.add(row[column] as string);
    }
  }
  const members = new Set((rowsByTable.get('memberships') ?? []).map((row) => row.user_id as string));
  const rows = await selectRows(
    db,
    users,
    sql`id in (select value::uuid from json_array_elements_text(${JSON.stringify([...ids])}::json))`,
  );
  return rows.map((row) => (members.has(row.id as string) ? row : { ...row, password_hash: null }));
}

export interface ExportReport {
  dir: string;
  manifest: Manifest;
}

/** Reads everything in one read-only snapshot, so the files agree with each other even while the server runs. */
async function collect(db: Database, slug: string): Promise<{ manifest: Manifest; files: Map<string, string> }> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local timezone = 'UTC'`);
      const org = await requireOrganizationBySlug(tx, slug);
      const catalog = await readCatalog(tx);
      const rowsByTable = new Map<string, Row[]>();
      for (const table of catalog.tables.values()) {
        if (table.scope === 'users') continue;
        const where = table.scope === 'organization' ? sql`id = ${org.id}` : sql`org_id = ${org.id}`;
        rowsByTable.set(table.name, await selectRows(tx, table, where));
      }
      const users = catalog.tables.get('users');
      if (users) rowsByTable.set('users', await reachableUsers(tx, users, rowsByTable, catalog.userReferences));

      const files = new Map<string, string>();
      const manifest: Manifest = {
        format: FORMAT_NAME,
        formatVersion: FORMAT_VERSION,
        schemaVersion: currentSchemaVersion(),
        exportedAt: new Date().toISOString(),
        organization: { id: org.id, slug: org.slug, name: org.name },
        tables: {},
      };
      for (const [name, rows] of [...rowsByTable].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const content = toJsonLines(rows);
        files.set(`${name}.jsonl`, content);
        manifest.tables[name] = { file: `${name}.jsonl`, rows: rows.length, sha256: sha256(content) };
      }
      return { manifest, files };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Writes into a sibling folder and renames it at the end: DIR is either complete or absent. */
export async function exportOrganization(db: Database, slug: string, outDir: string): Promise<ExportReport> {
  const dir = path.resolve(outDir);
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length))
    throw new AppError('conflict', `--out: ${dir} already exists and is not an empty folder; choose another.`);
  if (!fs.existsSync(path.dirname(dir)))
    throw new AppError('validation', `--out: the folder ${path.dirname(dir)} does not exist.`);
  const { manifest, files } = await collect(db, slug);
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    for (const [file, content] of files) fs.writeFileSync(path.join(partial, file), content, { mode: 0o600 });
    fs.writeFileSync(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return { dir, manifest };
}
