/**
 * The JavaScript and CSS each page of the production build loads, in gzip bytes, read from the
 * build itself (no server): the route manifest's modules and their static imports (what the page
 * preloads), the chunks they import lazily at render (a calendar, the season board) with the files
 * those preload, and the stylesheets of every route's `links`. Public pages (everything outside
 * /:org/admin and /:org/dashboard) are held to 120 kB of JavaScript gzip; the bench fails above it.
 * What loads only when the visitor acts (ON_DEMAND: a toast after an action, the description editor, a confirm
 * dialog, a public form's checks)
 * is printed beside each page, not counted in it.
 *
 *   npx tsx bench/page-weight.ts                    (builds first if build/ is missing)
 *   npx tsx bench/page-weight.ts --files /:org      also lists each file that page loads, heaviest first
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

// How Vite writes a chunk's imports: `m.f||(m.f=["assets/x.js","assets/y.css"])` lists what its dynamic
// imports preload, and each `import("./x.js"),__vite__mapDeps([0,1])` picks its own from that list.
const PRELOAD_LIST = /m\.f\|\|\(m\.f=\[([^\]]*)\]\)/;
const DYNAMIC_IMPORT = /import\("\.\/([^"]+)"\)(?:,__vite__mapDeps\(\[([\d,]*)\]\))?/g;
const STATIC_IMPORT = /(?:from|import)\s*"\.\/([^"]+\.js)"/g;
/**
 * Chunks (named after their module) that a page imports only when the visitor does something: the
 * toaster when there is a toast to show (a flash after an action), the season board's description
 * editor when a description is edited, a confirm dialog when its button is reached, the public
 * request forms' checks (zod and their schemas) when a form is first touched. Listed beside a page's
 * figure, not in it.
 */
const ON_DEMAND = /^\/assets\/(toaster-host|description-editor\.client|confirm-dialog|request-checks)-[\w-]{8}\.js$/;

interface ChunkImports {
  /** Static imports: loaded with the chunk. */
  with: string[];
  /** Dynamic imports, each with what it preloads. */
  later: { target: string; preloads: string[] }[];
}

const chunkImports = new Map<string, ChunkImports>();
function importsOf(href: string): ChunkImports {
  let found = chunkImports.get(href);
  if (!found) {
    const source = fs.readFileSync(path.join(CLIENT_DIR, href), 'utf8');
    const preloadList = [...(source.match(PRELOAD_LIST)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => `/${m[1]}`);
    found = {
      with: [...source.matchAll(STATIC_IMPORT)].map((m) => `/assets/${m[1]}`),
      later: [...source.matchAll(DYNAMIC_IMPORT)].map((m) => ({
        target: `/assets/${m[1]}`,
        preloads: (m[2] ?? '')
          .split(',')
          .filter(Boolean)
          .map((index) => preloadList[Number(index)]),
      })),
    };
    chunkImports.set(href, found);
  }
  return found;
}

/**
 * What the page's chunks load lazily, and what those load in turn: `atRender` whenever the page
 * renders (a lazy calendar, the season board), `onDemand` only on the visitor's action (ON_DEMAND).
 */
function lazyFiles(eager: Set<string>): { atRender: Set<string>; onDemand: Set<string> } {
  const onDemandStarts: string[] = [];
  const lazyImports = (href: string, followOnDemand: boolean) =>
    importsOf(href).later.flatMap(({ target, preloads }) => {
      const files = [target, ...preloads];
      if (followOnDemand || !ON_DEMAND.test(target)) return files;
      onDemandStarts.push(...files);
      return [];
    });
  const reach = (starts: string[], known: Set<string>, followOnDemand: boolean) => {
    const found = new Set<string>();
    const queue = [...starts];
    while (queue.length) {
      const href = queue.shift()!;
      if (known.has(href) || found.has(href)) continue;
      found.add(href);
      if (href.endsWith('.js')) queue.push(...importsOf(href).with, ...lazyImports(href, followOnDemand));
    }
    return found;
  };
  const eagerJs = [...eager].filter((href) => href.endsWith('.js'));
  const atRender = reach(
    eagerJs.flatMap((href) => lazyImports(href, false)),
    eager,
    false,
  );
  const onDemand = reach(onDemandStarts, new Set([...eager, ...atRender]), true);
  return { atRender, onDemand };
}

const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipBytes(file), 0);
const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

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
    const { atRender, onDemand } = lazyFiles(eager);
    for (const file of atRender) if (file.endsWith('.css')) css.add(file);
    const lazyJs = [...atRender].filter((file) => file.endsWith('.js'));
    const onDemandJs = [...onDemand].filter((file) => file.endsWith('.js'));
    const isPublic = !/^\/:org\/(admin|dashboard)(\/|$)/.test(route.pattern);
    const js = sum(eager) + sum(lazyJs);
    const kindOf = new Map<string, string>([
      ...lazyJs.map((file) => [file, 'lazy'] as const),
      ...[...onDemand].map((file) => [file, 'on demand'] as const),
    ]);
    return {
      pattern: route.pattern,
      files: [...eager, ...lazyJs, ...css, ...onDemand],
      kindOf,
      isPublic,
      jsBytes: js,
      jsLazyBytes: sum(lazyJs),
      jsOnDemandBytes: sum(onDemandJs),
      cssBytes: sum(css),
      overBudget: isPublic && js > PUBLIC_JS_BUDGET,
    };
  });

  console.log(
    'route                                         JS gzip (of it lazy)   CSS gzip   budget            + on demand',
  );
  for (const row of rows)
    console.log(
      [
        row.pattern.padEnd(45),
        `${kB(row.jsBytes)} kB`.padStart(9),
        `(${kB(row.jsLazyBytes)} kB)`.padStart(12),
        `${kB(row.cssBytes)} kB`.padStart(10),
        '  ',
        (row.isPublic ? (row.overBudget ? 'OVER 120 kB' : 'public ≤ 120 kB') : 'staff/member').padEnd(15),
        `${kB(row.jsOnDemandBytes)} kB`.padStart(10),
      ].join(' '),
    );
  const filesOf = argValue('--files');
  for (const row of rows.filter((row) => row.pattern === filesOf)) {
    console.log(`\n${row.pattern}: every file, gzip`);
    for (const file of row.files.sort((a, b) => gzipBytes(b) - gzipBytes(a)))
      console.log(
        `${`${kB(gzipBytes(file))} kB`.padStart(9)}  ${file}${row.kindOf.has(file) ? `  (${row.kindOf.get(file)})` : ''}`,
      );
  }
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
    public_js_on_demand_max_kb: kB(Math.max(...publicRows.map((row) => row.jsOnDemandBytes))),
    js_max_kb: kB(heaviest.jsBytes),
    js_max_route: heaviest.pattern,
    css_max_kb: kB(Math.max(...rows.map((row) => row.cssBytes))),
  });
  return publicRows.some((row) => row.overBudget) ? 1 : 0;
}

runBench(main);
