import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { MIGRATIONS_FOLDER } from '../migrate';

/** Raised when the layout of the files changes (not the tables: that is the schema version). */
export const FORMAT_VERSION = 1;
export const FORMAT_NAME = 'infra24-organization-export';

const tableEntrySchema = z.object({
  file: z.string().regex(/^[a-z_][a-z0-9_]*\.jsonl$/),
  rows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.number().int(),
  schemaVersion: z.string(),
  exportedAt: z.string(),
  organization: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  tables: z.record(z.string(), tableEntrySchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TableEntry = z.infer<typeof tableEntrySchema>;

/** The tag of the last migration: every opened database has been migrated up to it. */
export function currentSchemaVersion(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)!.tag;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** One JSON object per line, keys in name order, lines sorted: the same rows always give the same bytes. */
export function toJsonLines(rows: Record<string, unknown>[]): string {
  const lines = rows.map((row) =>
    JSON.stringify(
      Object.fromEntries(
        Object.keys(row)
          .sort()
          .map((key) => [key, row[key]]),
      ),
    ),
  );
  lines.sort();
  return lines.map((line) => `${line}\n`).join('');
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file))
    throw new AppError('validation', `--in: ${dir} holds no manifest.json; is it an organization export?`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('validation', `--in: manifest.json is not valid JSON (${(error as Error).message})`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('validation', `--in: manifest.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
