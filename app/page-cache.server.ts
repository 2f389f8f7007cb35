import { LRUCache } from 'lru-cache';
import { SESSION_COOKIE } from '../db/operations/accounts/session-cookie';
import { FLASH_COOKIE } from './flash';

/** A rendered page as it goes out: only 200s without a Set-Cookie are ever kept. */
export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export interface PageCacheOptions {
  /** How long a rendered page is served again; 0 turns the cache off. */
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * The public workshop pages (catalog and workshop pages) are the same for every anonymous visitor and
 * are the pages a crowd hits at once. They are rendered at most once per `ttlMs` per URL: seat counts
 * on them may be that much behind, while registering itself is always exact (ADR 018).
 */
const CACHEABLE_PATH = /^\/[^/]+\/workshops(\/[^/.]+)?\/?$/;

export function isCacheablePageRequest(method: string, path: string, cookieHeader: string | undefined): boolean {
  if (method !== 'GET' || !CACHEABLE_PATH.test(path)) return false;
  // Signed-in people may see members-only workshops and their own state: never share their pages.
  // A page with a message waiting for this visitor (flash) is theirs alone too.
  return !cookieHeader?.includes(`${SESSION_COOKIE}=`) && !cookieHeader?.includes(`${FLASH_COOKIE}=`);
}

export function createPageCache(options: PageCacheOptions) {
  const now = options.now ?? Date.now;
  const pages = new LRUCache<string, { page: CachedPage; expiresAt: number }>({ max: options.maxEntries ?? 500 });
  const rendering = new Map<string, Promise<CachedPage>>();

  /** The cached page for `key` while fresh; otherwise renders it (once, however many ask meanwhile). */
  async function get(key: string, render: () => Promise<CachedPage>): Promise<{ page: CachedPage; hit: boolean }> {
    const cached = pages.get(key);
    if (cached && cached.expiresAt > now()) return { page: cached.page, hit: true };
    let pending = rendering.get(key);
    if (!pending) {
      pending = render().finally(() => rendering.delete(key));
      rendering.set(key, pending);
      const page = await pending;
      const shareable = page.status === 200 && !page.headers.some(([name]) => name.toLowerCase() === 'set-cookie');
      if (shareable) pages.set(key, { page, expiresAt: now() + options.ttlMs });
      return { page, hit: false };
    }
    return { page: await pending, hit: false };
  }

  return { get, enabled: options.ttlMs > 0 };
}

export type PageCache = ReturnType<typeof createPageCache>;
