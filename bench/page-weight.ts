/**
 * The JavaScript and CSS each page of the production build loads, in gzip bytes, read from the
 * build itself (no server): the route manifest's modules and their static imports (what the page
 * preloads), the chunks they import lazily at render (a calendar, the season board) with the files
 * those preload, and the stylesheets of every route's `links`. Public pages (everything outside
 * /:org/admin and /:org/dashboard) are held to 120 kB of JavaScript gzip; the bench fails above it.
 *
 *   npx tsx bench/page-weight.ts          (builds first if build/ is missing)
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { builtRoutes } from '../tests/support/route-table';
import { printResult } from './lib/result';
import { runBench } from './lib/run';
import { ensureRemixBuild } from './lib/server-process';

const BENCH = 'page-weight';
const PUBLIC_JS_BUDGET = 120 * 1024;
const CLIENT_DIR = path.resolve('build/client');

interface ManifestRoute {
  module: string;
  imports?: string[];
  css?: string[];
}
interface ServerBuild {
  assets: {
    entry: { module: string; imports: string[] };
    routes: Record<string, ManifestRoute & { parentId?: string }>;
  };
  routes: Record<string, { module: { links?: () => { rel?: string; href?: string }[] } }>;
}

const gzipSizes = new Map<string, number>();
function gzipBytes(href: string): number {
  let size = gzipSizes.get(href);
  if (size === undefined) {
    size = gzipSync(fs.readFileSync(path.join(CLIENT_DIR, href))).length;
    gzipSizes.set(href, size);
  }
  return size;
}

// Vite's preload list for a chunk's dynamic imports: `m.f||(m.f=["assets/x.js","assets/y.css"])`.
const LAZY_PRELOADS = /m\.f\|\|\(m\.f=\[([^\]]*)\]\)/g;
const LAZY_IMPORT = /import\("\.\/([^"]+)"\)/g;

/** The files a chunk loads lazily, and what those load in turn. */
function lazyFiles(files: Iterable<string>): Set<string> {
  const found = new Set<string>();
  const queue = [...files].filter((file) => file.endsWith('.js'));
  const seen = new Set(queue);
  while (queue.length) {
    const source = fs.readFileSync(path.join(CLIENT_DIR, queue.shift()!), 'utf8');
    const hrefs = [
      ...[...source.matchAll(LAZY_PRELOADS)].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((s) => `/${s[1]}`)),
      ...[...source.matchAll(LAZY_IMPORT)].map((m) => `/assets/${m[1]}`),
    ];
    for (const href of hrefs) {
      if (seen.has(href)) continue;
      seen.add(href);
      found.add(href);
      if (href.endsWith('.js')) queue.push(href);
    }
  }
  return found;
}

const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipBytes(file), 0);
const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;

async function main(): Promise<number> {
  await ensureRemixBuild();
  const build = (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild;
  const pages = (await builtRoutes()).filter((route) => route.isPage && !route.hasIndexChild);
  const rows = pages.map((route) => {
    const chain: string[] = [];
    for (let id: string | undefined = route.id; id; id = build.assets.routes[id].parentId) chain.unshift(id);
    chain.unshift('root');
    const eager = new Set([build.assets.entry.module, ...build.assets.entry.imports]);
    const css = new Set<string>();
    for (const id of [...new Set(chain)]) {
      const manifest = build.assets.routes[id];
      for (const file of [manifest.module, ...(manifest.imports ?? [])]) eager.add(file);
      for (const file of manifest.css ?? []) css.add(file);
      for (const link of build.routes[id].module.links?.() ?? [])
        if (link.rel === 'stylesheet' && link.href) css.add(link.href);
    }
    const lazy = lazyFiles(eager);
    for (const file of lazy) if (file.endsWith('.css')) css.add(file);
    const lazyJs = [...lazy].filter((file) => file.endsWith('.js') && !eager.has(file));
    const isPublic = !/^\/:org\/(admin|dashboard)(\/|$)/.test(route.pattern);
    const js = sum(eager) + sum(lazyJs);
    return {
      pattern: route.pattern,
      isPublic,
      jsBytes: js,
      jsLazyBytes: sum(lazyJs),
      cssBytes: sum(css),
      overBudget: isPublic && js > PUBLIC_JS_BUDGET,
    };
  });

  console.log('route                                         JS gzip (of it lazy)   CSS gzip   budget');
  for (const row of rows)
    console.log(
      `${row.pattern.padEnd(45)} ${`${kB(row.jsBytes)} kB`.padStart(9)} ${`(${kB(row.jsLazyBytes)} kB)`.padStart(12)} ${`${kB(row.cssBytes)} kB`.padStart(10)}   ${row.isPublic ? (row.overBudget ? 'OVER 120 kB' : 'public ≤ 120 kB') : 'staff/member'}`,
    );
  const publicRows = rows.filter((row) => row.isPublic);
  const heaviestPublic = publicRows.reduce((a, b) => (b.jsBytes > a.jsBytes ? b : a));
  const heaviest = rows.reduce((a, b) => (b.jsBytes > a.jsBytes ? b : a));
  printResult({
    bench: BENCH,
    pages: rows.length,
    public_pages: publicRows.length,
    public_js_budget_kb: PUBLIC_JS_BUDGET / 1024,
    public_js_max_kb: kB(heaviestPublic.jsBytes),
    public_js_max_route: heaviestPublic.pattern,
    public_over_budget: publicRows.filter((row) => row.overBudget).map((row) => row.pattern),
    js_max_kb: kB(heaviest.jsBytes),
    js_max_route: heaviest.pattern,
    css_max_kb: kB(Math.max(...rows.map((row) => row.cssBytes))),
  });
  return publicRows.some((row) => row.overBudget) ? 1 : 0;
}

runBench(main);
