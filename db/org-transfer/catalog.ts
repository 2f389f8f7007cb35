import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Which tables an organization's export holds, read from the database's own catalog so a table
 * added later with an org_id column travels without a change here.
 */
export interface Column {
  name: string;
  /** As PostgreSQL writes it (format_type), e.g. `timestamp with time zone`, `text[]`. */
  type: string;
}

export interface TransferTable {
  name: string;
  /** Stored columns in name order; generated ones (bookings.time_range) are left out and recomputed. */
  columns: Column[];
  /** How the organization's rows are found. */
  scope: 'organization' | 'org_id' | 'users';
}

/** Tables that stay behind, and why (docs/operations.md repeats this list). */
export const NOT_EXPORTED: Record<string, string> = {
  auth_sessions: 'login sessions: people sign in again on the new installation',
  auth_tokens: 'sign-in links, password resets and pending invitations: they are sent again',
  rate_limits: 'counters of the installation',
  email_suppressions: "the installation's list of bounced addresses",
};

/** Columns that point at users without a foreign key: remapped like the foreign keys when users are matched by email. */
const UNDECLARED_USER_REFERENCES: Record<string, string[]> = { audit_log: ['actor_id'] };

export interface Catalog {
  tables: Map<string, TransferTable>;
  /** table → its columns that hold a users.id. */
  userReferences: Map<string, string[]>;
  /** child table → the tables it references. */
  references: Map<string, Set<string>>;
  /** Tables that are neither exported nor listed in NOT_EXPORTED: a new table someone must classify. */
  unclassified: string[];
}

export async function readCatalog(db: Executor): Promise<Catalog> {
  const columns = (
    await db.execute(sql`
      select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
             a.attgenerated <> '' as generated
        from pg_attribute a join pg_class c on c.oid = a.attrelid
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`)
  ).rows as { table: string; column: string; type: string; generated: boolean }[];
  const foreignKeys = (
    await db.execute(sql`
      select child.relname as child, parent.relname as parent, a.attname as column
        from pg_constraint k
        join pg_class child on child.oid = k.conrelid
        join pg_class parent on parent.oid = k.confrelid
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
       where k.contype = 'f' and child.relnamespace = 'public'::regnamespace`)
  ).rows as { child: string; parent: string; column: string }[];

  const byTable = new Map<string, Column[]>();
  for (const row of columns) {
    if (!byTable.has(row.table)) byTable.set(row.table, []);
    if (!row.generated) byTable.get(row.table)!.push({ name: row.column, type: row.type });
  }
  const tables = new Map<string, TransferTable>();
  const unclassified: string[] = [];
  for (const [name, tableColumns] of [...byTable].sort(([a], [b]) => (a < b ? -1 : 1))) {
    tableColumns.sort((a, b) => (a.name < b.name ? -1 : 1));
    const scope =
      name === 'organizations'
        ? 'organization'
        : name === 'users'
          ? 'users'
          : tableColumns.some((c) => c.name === 'org_id')
            ? 'org_id'
            : undefined;
    if (name in NOT_EXPORTED) continue;
    if (scope) tables.set(name, { name, columns: tableColumns, scope });
    else unclassified.push(name);
  }

  const userReferences = new Map<string, string[]>();
  const references = new Map<string, Set<string>>();
  for (const { child, parent, column } of foreignKeys) {
    if (!tables.has(child) || !tables.has(parent)) continue;
    if (!references.has(child)) references.set(child, new Set());
    if (child !== parent) references.get(child)!.add(parent);
    if (parent === 'users') userReferences.set(child, [...(userReferences.get(child) ?? []), column]);
  }
  for (const [table, extra] of Object.entries(UNDECLARED_USER_REFERENCES)) {
    if (tables.has(table)) userReferences.set(table, [...(userReferences.get(table) ?? []), ...extra]);
  }
  return { tables, userReferences, references, unclassified };
}

/** Parents before children, so every foreign key finds its row when the tables are filled in this order. */
export function insertionOrder(catalog: Catalog): TransferTable[] {
  const ordered: TransferTable[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`Foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const parent of catalog.references.get(name) ?? []) visit(parent, [...path, name]);
    placed.add(name);
    ordered.push(catalog.tables.get(name)!);
  };
  for (const name of catalog.tables.keys()) visit(name, []);
  return ordered;
}
