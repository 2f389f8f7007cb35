import { z } from 'zod';

/**
 * Zod probes for eval (new Function) to speed up parsing; the Content-Security-Policy forbids eval,
 * and the probe alone reports a violation. In the browser the forms' small schemas are parsed without
 * it. Imported first by root.tsx, whose imports run before any route's schemas are built; the server
 * keeps the faster path.
 */
if (typeof document !== 'undefined') z.config({ jitless: true });
