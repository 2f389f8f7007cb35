import type { Config } from '../config/env';
import type { DraftAccess } from '../core/draft/access';
import type { Database } from '../db/client';

/** What every loader and action receives from the server (server.ts builds it once). */
declare module '@remix-run/node' {
  interface AppLoadContext {
    db: Database;
    config: Config;
    /** The client's address as the web server saw it (rate limits). */
    clientIp: string;
    /** The live season drafts: the collab server in this process, or reached over its socket (ADR 013). */
    drafts?: DraftAccess;
    /** This response's Content-Security-Policy nonce, for the page's inline scripts (security-headers.server.ts). */
    cspNonce?: string;
  }
}
