/**
 * Builds the pages. With `--if-stale` (what `npm start` passes) only when the build is missing or
 * was made from other sources: a SHA-256 over every file that goes into it is kept beside the build
 * and compared at each start.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const BUILD_DIR = path.join(root, 'build');
const STAMP = path.join(BUILD_DIR, '.inputs-sha256');
/** What the Remix build reads: the app and everything it imports, static files, the build's configuration and the locked dependencies. */
const INPUT_DIRS = ['app', 'core', 'db', 'public'];
const INPUT_FILES = ['package-lock.json', 'vite.config.ts', 'remix.config.ts', 'tsconfig.json'];
const SKIPPED = /\.test\.tsx?$|(^|\/)\.|\/migrations\/meta\//;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.relative(root, path.join(entry.parentPath, entry.name));
    return entry.isFile() && !SKIPPED.test(file) ? [file] : [];
  });
}

function inputsHash(): string {
  const files = [...INPUT_DIRS.flatMap((dir) => filesUnder(path.join(root, dir))), ...INPUT_FILES].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    hash.update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function main(onlyIfStale: boolean): void {
  const wanted = inputsHash();
  const built = fs.existsSync(path.join(BUILD_DIR, 'server', 'index.js')) && fs.existsSync(STAMP);
  if (onlyIfStale && built && fs.readFileSync(STAMP, 'utf8').trim() === wanted) {
    console.log('The build is up to date.');
    return;
  }
  if (!fs.existsSync(path.join(root, 'node_modules', '@remix-run', 'dev'))) {
    console.error(
      built
        ? 'The build in build/ was made from other sources, and this install has no build tools (npm ci --omit=dev). Run `npm run build` where the dev dependencies are installed, then copy build/.'
        : 'There is no build in build/ and this install has no build tools (npm ci --omit=dev). Run `npm run build` first.',
    );
    process.exit(1);
  }
  if (onlyIfStale)
    console.log(built ? 'Sources changed since the last build: building the pages…' : 'Building the pages…');
  const result = spawnSync('npx', ['remix', 'vite:build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(STAMP, `${wanted}\n`);
}

main(process.argv.includes('--if-stale'));
