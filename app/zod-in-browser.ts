/**
 * Zod probes for eval (new Function) to speed up parsing; the Content-Security-Policy forbids eval,
 * and the probe alone reports a violation. In the browser the forms' small schemas are parsed without
 * it. Zod keeps its settings on `globalThis.__zod_globalConfig` and takes an object already there, so
 * this sets `jitless` without loading zod: pages that parse nothing in the browser do not carry it
 * (zod-in-browser.test.ts holds zod to that). Imported first by root.tsx, whose imports run before any
 * route's schemas are built (zod reads the setting as a schema is built); the server keeps the faster path.
 */
if (typeof document !== 'undefined') {
  const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  scope.__zod_globalConfig = Object.assign(scope.__zod_globalConfig ?? {}, { jitless: true });
}
