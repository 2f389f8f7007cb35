import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** The tables of the public schema that hold at least one row: a database is empty when there are none. */
export async function tablesWithRows(db: Executor): Promise<string[]> {
  const { rows } = await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const filled: string[] = [];
  for (const { tablename } of rows as { tablename: string }[]) {
    const result = await db.execute(sql`select exists (select 1 from ${sql.identifier(tablename)}) as found`);
    if ((result.rows[0] as { found: boolean }).found) filled.push(tablename);
  }
  return filled;
}

export function describeFilledTables(tables: string[]): string {
  const shown = tables.slice(0, 5).join(', ');
  return tables.length > 5 ? `${shown} and ${tables.length - 5} more tables` : shown;
}
