/**
 * Runs every bench/*.ts (but this file) one after the other, each in its own process so one bench's
 * server, pools and JIT state cannot colour the next one's figures. Output is passed through.
 *
 *   npm run bench                  all benches
 *   npm run bench -- contention    only those whose file name contains "contention"
 *   npm run bench -- collab        co-editing fan-out (bench/collab-fanout.ts; BENCH_EDITORS, BENCH_SECONDS for a short run)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const THIS_FILE = path.basename(fileURLToPath(import.meta.url));

function benchFiles(filters: string[]): string[] {
  return fs
    .readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && entry.name !== THIS_FILE)
    .map((entry) => entry.name)
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
}

/** Resolves with the exit code; a bench killed by a signal counts as failed. */
function runBench(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', path.join(path.relative(process.cwd(), BENCH_DIR), file)], { stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`could not start ${file}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const files = benchFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error(
      `No benches in ${path.relative(process.cwd(), BENCH_DIR) || '.'} match ${process.argv.slice(2).join(', ') || '*.ts'}`,
    );
    return 1;
  }
  const failed: string[] = [];
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const code = await runBench(file);
    if (code !== 0) failed.push(`${file} (exit ${code})`);
  }
  console.log(
    `\n${files.length - failed.length}/${files.length} benches passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
  );
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code));
