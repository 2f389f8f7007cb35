import { describe, expect, it } from 'vitest';
import { LookupCache, MAX_LOOKUP_CACHE_MS } from './lookup-cache';

function clockAt(start: number) {
  const clock = { now: start, read: () => clock.now };
  return clock;
}

describe('LookupCache', () => {
  it('serves a value for at most 5 s by default, then reads it again', async () => {
    const clock = clockAt(1_000_000);
    const cache = new LookupCache<number>(undefined, 10, clock.read);
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get('key', load)).toBe(1);
    clock.now += MAX_LOOKUP_CACHE_MS - 1;
    expect(await cache.get('key', load)).toBe(1);
    clock.now += 1;
    expect(await cache.get('key', load)).toBe(2);
  });

  it('reads afresh after delete, and does not keep a read that was in flight during it', async () => {
    const cache = new LookupCache<string>(1_000);
    let release!: (value: string) => void;
    const slow = cache.get('key', () => new Promise<string>((resolve) => (release = resolve)));
    cache.delete('key');
    release('before the change');
    expect(await slow).toBe('before the change');
    expect(await cache.get('key', async () => 'after the change')).toBe('after the change');
  });

  it('does not cache with a lifetime of 0, and refuses one above 5 s', async () => {
    const cache = new LookupCache<number>(0);
    let reads = 0;
    await cache.get('key', async () => ++reads);
    await cache.get('key', async () => ++reads);
    expect(reads).toBe(2);
    expect(() => cache.setTtl(MAX_LOOKUP_CACHE_MS + 1)).toThrow(/0\.\.5000 ms/);
  });
});
