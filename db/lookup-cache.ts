import { LRUCache } from 'lru-cache';

/** The longest a cached lookup may be served: a revoked key or a changed resource is seen within this. */
export const MAX_LOOKUP_CACHE_MS = 5_000;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * A small in-process cache for rows every API request reads and that rarely change (API keys,
 * resources; ADR 032). An entry is served for at most the cache's `ttlMs` after it was read from
 * the database; a change made through this process removes it at once, a change made by another
 * process (the command line, another web process) is seen within `ttlMs`. `ttlMs` 0: no caching.
 */
export class LookupCache<Value> {
  private readonly entries: LRUCache<string, { value: Value; expiresAt: number }>;
  private readonly loading = new Map<string, Promise<Value>>();
  private generation = 0;

  constructor(
    private ttlMs: number = MAX_LOOKUP_CACHE_MS,
    maxEntries = DEFAULT_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
    this.setTtl(ttlMs);
  }

  setTtl(ttlMs: number): void {
    if (!Number.isInteger(ttlMs) || ttlMs < 0 || ttlMs > MAX_LOOKUP_CACHE_MS)
      throw new Error(`a lookup cache keeps entries 0..${MAX_LOOKUP_CACHE_MS} ms, not ${ttlMs}`);
    this.ttlMs = ttlMs;
    this.clear();
  }

  /**
   * The fresh cached value, else `load()` (once per key however many ask meanwhile). A load that
   * started before a `delete` or `clear` is not kept: it may have read the row before the change. A
   * miss (undefined) is not kept either: a row created a moment later must be found.
   */
  async get(key: string, load: () => Promise<Value>): Promise<Value> {
    if (this.ttlMs === 0) return load();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const loadedAt = this.now();
    const loaded: Promise<Value> = load().finally(() => {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    });
    this.loading.set(key, loaded);
    const value = await loaded;
    if (value !== undefined && generation === this.generation)
      this.entries.set(key, { value, expiresAt: loadedAt + this.ttlMs });
    return value;
  }

  /** Forget one key (a change made through this process). */
  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  /** Forget every entry whose value matches. */
  deleteWhere(matches: (value: Value) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries.entries()) if (matches(entry.value)) this.entries.delete(key);
    this.loading.clear();
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }
}

const registered = new Set<LookupCache<unknown>>();

/** A cache of this process whose lifetime `setLookupCacheTtl` sets (LOOKUP_CACHE_MS, at boot). */
export function createLookupCache<Value>(): LookupCache<Value> {
  const cache = new LookupCache<Value>();
  registered.add(cache as LookupCache<unknown>);
  return cache;
}

/** Sets how long every lookup cache of this process serves an entry (0..MAX_LOOKUP_CACHE_MS), and empties them. */
export function setLookupCacheTtl(ttlMs: number): void {
  for (const cache of registered) cache.setTtl(ttlMs);
}
