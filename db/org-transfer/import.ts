import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { slugSchema } from '../../core/slugs';
import { parseInput } from '../../core/validation';
import type { Database, Executor } from '../client';
import { findOrganizationById, findOrganizationBySlug } from '../operations/accounts/organizations';
import { findUserByEmail } from '../operations/accounts/users';
import { pgErrorInfo } from '../pg-errors';
import { insertionOrder, readCatalog, type Catalog, type TransferTable } from './catalog';
import { currentSchemaVersion, FORMAT_VERSION, type Manifest, readManifest, sha256 } from './manifest';

type Row = Record<string, unknown>;

/** Rows per INSERT: keeps each statement's one JSON parameter a few megabytes at most. */
const CHUNK_ROWS = 500;

export interface ImportReport {
  slug: string;
  rows: Record<string, number>;
  /** Users that already had an account here (same email): theirs is kept and the organization's rows point at it. */
  matchedUsers: number;
}

/** Each file must be the one the manifest describes: its hash, its row count, one JSON object a line. */
function readTableFiles(dir: string, manifest: Manifest): Map<string, Row[]> {
  const rowsByTable = new Map<string, Row[]>();
  for (const [table, entry] of Object.entries(manifest.tables)) {
    const file = path.join(dir, entry.file);
    if (entry.file !== `${table}.jsonl`)
      throw new AppError('validation', `--in: manifest.json: tables.${table}.file must be ${table}.jsonl`);
    if (!fs.existsSync(file)) throw new AppError('validation', `--in: ${entry.file} is missing`);
    const content = fs.readFileSync(file, 'utf8');
    if (sha256(content) !== entry.sha256)
      throw new AppError(
        'validation',
        `--in: ${entry.file} does not match its SHA-256 in manifest.json (changed or damaged)`,
      );
    const rows = content
      .split('\n')
      .filter((line) => line !== '')
      .map((line, index) => {
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          row = undefined;
        }
        if (!row || typeof row !== 'object' || Array.isArray(row))
          throw new AppError('validation', `--in: ${entry.file} line ${index + 1} is not a JSON object`);
        return row as Row;
      });
    if (rows.length !== entry.rows)
      throw new AppError('validation', `--in: ${entry.file} has ${rows.length} rows; manifest.json says ${entry.rows}`);
    rowsByTable.set(table, rows);
  }
  return rowsByTable;
}

function requireCompatible(manifest: Manifest): void {
  if (manifest.formatVersion !== FORMAT_VERSION)
    throw new AppError(
      'validation',
      `--in: export format version ${manifest.formatVersion}; this installation reads version ${FORMAT_VERSION}.`,
    );
  const here = currentSchemaVersion();
  if (manifest.schemaVersion !== here) {
    throw new AppError(
      'validation',
      `--in: the export is of schema version ${manifest.schemaVersion}, this installation is at ${here}. Import into an installation of the same version: update the older one first (its migrations run when it starts), then export again.`,
    );
  }
}

/** Every row has exactly the table's columns, and every org_id is the exported organization's. */
function requireWellFormed(catalog: Catalog, manifest: Manifest, rowsByTable: Map<string, Row[]>): void {
  for (const table of rowsByTable.keys())
    if (!catalog.tables.has(table)) throw new AppError('validation', `--in: ${table}.jsonl: no table "${table}" here`);
  for (const table of catalog.tables.keys())
    if (!rowsByTable.has(table)) throw new AppError('validation', `--in: ${table}.jsonl is missing from the export`);
  const orgId = manifest.organization.id;
  for (const [name, rows] of rowsByTable) {
    const table = catalog.tables.get(name)!;
    const expected = table.columns.map((c) => c.name).join(',');
    rows.forEach((row, index) => {
      const where = `--in: ${name}.jsonl line ${index + 1}`;
      const keys = Object.keys(row).sort();
      if (keys.join(',') !== expected) {
        const unknown = keys.find((key) => !table.columns.some((c) => c.name === key));
        const missing = table.columns.find((c) => !(c.name in row));
        throw new AppError(
          'validation',
          `${where}: ${unknown ? `unknown column "${unknown}"` : `column "${missing?.name}" is missing`}`,
        );
      }
      if (table.scope === 'org_id' && row.org_id !== orgId)
        throw new AppError('validation', `${where}: org_id is not the exported organization's (${orgId})`);
      if (table.scope === 'users' && typeof row.email !== 'string')
        throw new AppError('validation', `${where}: email must be a string`);
    });
  }
  // Users come along only as the organization's rows point at them: an export cannot plant accounts.
  const referenced = new Set<unknown>();
  for (const [table, columns] of catalog.userReferences)
    for (const row of rowsByTable.get(table) ?? []) for (const column of columns) referenced.add(row[column]);
  (rowsByTable.get('users') ?? []).forEach((user, index) => {
    if (!referenced.has(user.id))
      throw new AppError(
        'validation',
        `--in: users.jsonl line ${index + 1}: no row of the organization refers to this user`,
      );
  });
  const orgRows = rowsByTable.get('organizations') ?? [];
  if (orgRows.length !== 1 || orgRows[0].id !== orgId)
    throw new AppError(
      'validation',
      `--in: organizations.jsonl must hold exactly the exported organization (${orgId})`,
    );
}

async function insertRows(db: Executor, table: TransferTable, rows: Row[]): Promise<void> {
  const target = sql.join(
    table.columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const values = sql.join(
    table.columns.map((c) =>
      c.type === 'bytea' ? sql`decode(x.${sql.identifier(c.name)}, 'base64')` : sql`x.${sql.identifier(c.name)}`,
    ),
    sql`, `,
  );
  // Types come from this database's own catalog, never from the file.
  const shape = sql.join(
    table.columns.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.type === 'bytea' ? 'text' : c.type)}`),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = JSON.stringify(rows.slice(start, start + CHUNK_ROWS));
    await db.execute(
      sql`insert into ${sql.identifier(table.name)} (${target}) select ${values} from json_to_recordset(${chunk}::json) as x(${shape})`,
    );
  }
}

/** A user whose email already has an account here keeps that account; the organization's rows are pointed at it. */
async function matchUsers(db: Executor, users: Row[]): Promise<Map<string, string>> {
  const existing = new Map<string, string>();
  for (const user of users) {
    const found = await findUserByEmail(db, user.email as string);
    if (found) existing.set(user.id as string, found.id);
  }
  return existing;
}

function pointAtMatchedUsers(catalog: Catalog, rowsByTable: Map<string, Row[]>, matched: Map<string, string>): void {
  for (const [table, columns] of catalog.userReferences) {
    for (const row of rowsByTable.get(table) ?? []) {
      for (const column of columns) {
        const id = row[column];
        if (typeof id === 'string' && matched.has(id)) row[column] = matched.get(id);
      }
    }
  }
}

async function requireNewOrganization(db: Executor, manifest: Manifest, slug: string, renamed: boolean): Promise<void> {
  const sameId = await findOrganizationById(db, manifest.organization.id);
  if (sameId)
    throw new AppError(
      'conflict',
      `This organization (id ${sameId.id}) is already in this installation as "${sameId.slug}": it was imported before, or was exported from here.`,
    );
  if (await findOrganizationBySlug(db, slug))
    throw new AppError(
      'conflict',
      renamed
        ? `--as: an organization with slug "${slug}" already exists here; choose another.`
        : `An organization with slug "${slug}" already exists here: add --as <new-slug> to import under another slug.`,
    );
}

/** All of it in one transaction: on any refusal or error the installation is as it was. */
export async function importOrganization(db: Database, inDir: string, options: { as?: string }): Promise<ImportReport> {
  const dir = path.resolve(inDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new AppError('not_found', `--in: no folder at ${dir}`);
  const manifest = readManifest(dir);
  requireCompatible(manifest);
  const newSlug =
    options.as === undefined ? undefined : parseInput(z.object({ as: slugSchema }), { as: options.as }).as;
  const rowsByTable = readTableFiles(dir, manifest);
  const slug = newSlug ?? manifest.organization.slug;

  return db.transaction(async (tx) => {
    const catalog = await readCatalog(tx);
    requireWellFormed(catalog, manifest, rowsByTable);
    await requireNewOrganization(tx, manifest, slug, newSlug !== undefined);
    rowsByTable.get('organizations')![0].slug = slug;

    const users = rowsByTable.get('users') ?? [];
    const matched = await matchUsers(tx, users);
    pointAtMatchedUsers(catalog, rowsByTable, matched);
    rowsByTable.set(
      'users',
      users.filter((user) => !matched.has(user.id as string)),
    );

    for (const table of insertionOrder(catalog)) {
      try {
        await insertRows(tx, table, rowsByTable.get(table.name) ?? []);
      } catch (error) {
        const info = pgErrorInfo(error);
        if (info?.code.startsWith('23') || info?.code.startsWith('22')) {
          throw new AppError(
            info.code.startsWith('23') ? 'conflict' : 'validation',
            `--in: ${table.name}.jsonl cannot be imported here: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}${info.constraint ? ` (${info.constraint})` : ''}`,
          );
        }
        throw error;
      }
    }
    const rows = Object.fromEntries([...rowsByTable].map(([table, tableRows]) => [table, tableRows.length]));
    return { slug, rows, matchedUsers: matched.size };
  });
}
