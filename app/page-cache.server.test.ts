import { describe, expect, it } from 'vitest';
import { createPageCache, isCacheablePageRequest, type CachedPage } from './page-cache.server';

const page = (body: string, extra: Partial<CachedPage> = {}): CachedPage => ({
  status: 200,
  headers: [['content-type', 'text/html']],
  body: Buffer.from(body),
  ...extra,
});

describe('which requests the page cache may answer', () => {
  it('takes anonymous GETs of the catalog and of workshop pages only', () => {
    expect(isCacheablePageRequest('GET', '/oolite/workshops', undefined)).toBe(true);
    expect(isCacheablePageRequest('GET', '/oolite/workshops/', 'theme=dark')).toBe(true);
    expect(isCacheablePageRequest('GET', '/oolite/workshops/clay-basics', undefined)).toBe(true);
    expect(isCacheablePageRequest('POST', '/oolite/workshops/clay-basics', undefined)).toBe(false);
    expect(isCacheablePageRequest('GET', '/oolite/workshops.ics', undefined)).toBe(false);
    expect(isCacheablePageRequest('GET', '/oolite/workshops/sessions/abc/ics', undefined)).toBe(false);
    expect(isCacheablePageRequest('GET', '/oolite/admin/workshops', undefined)).toBe(false);
    expect(isCacheablePageRequest('GET', '/oolite/workshops', 'a=1; infra24_session=xyz')).toBe(false);
  });
});

describe('the page cache', () => {
  it('serves a page again until it is ttl old, then renders it afresh', async () => {
    let clock = 1_000;
    let renders = 0;
    const cache = createPageCache({ ttlMs: 500, now: () => clock });
    const render = async () => page(`render ${++renders}`);
    expect(await cache.get('/a', render)).toMatchObject({ hit: false, page: { body: Buffer.from('render 1') } });
    clock += 499;
    expect(await cache.get('/a', render)).toMatchObject({ hit: true, page: { body: Buffer.from('render 1') } });
    expect(await cache.get('/b', render)).toMatchObject({ hit: false, page: { body: Buffer.from('render 2') } });
    clock += 1;
    expect(await cache.get('/a', render)).toMatchObject({ hit: false, page: { body: Buffer.from('render 3') } });
  });

  it('renders once for everyone who asks while a render is running', async () => {
    let renders = 0;
    let finish!: (value: CachedPage) => void;
    const cache = createPageCache({ ttlMs: 1_000 });
    const render = () => {
      renders++;
      return new Promise<CachedPage>((resolve) => (finish = resolve));
    };
    const waiting = Promise.all([cache.get('/a', render), cache.get('/a', render), cache.get('/a', render)]);
    finish(page('once'));
    const results = await waiting;
    expect(renders).toBe(1);
    expect(results.map((r) => r.page.body.toString())).toEqual(['once', 'once', 'once']);
  });

  it('never keeps errors, redirects or pages that set a cookie, and keeps nothing when off', async () => {
    let renders = 0;
    const cache = createPageCache({ ttlMs: 1_000 });
    for (const answer of [
      page('gone', { status: 404 }),
      page('', { status: 302 }),
      page('x', { headers: [['Set-Cookie', 'a=1']] }),
    ]) {
      const render = async () => {
        renders++;
        return answer;
      };
      await cache.get('/same', render);
      expect((await cache.get('/same', render)).hit).toBe(false);
    }
    expect(renders).toBe(6);
    const off = createPageCache({ ttlMs: 0 });
    await off.get('/a', async () => page('x'));
    expect((await off.get('/a', async () => page('y'))).page.body.toString()).toBe('y');
    expect(off.enabled).toBe(false);
  });

  it('lets the next visitor render again after a failed render', async () => {
    const cache = createPageCache({ ttlMs: 1_000 });
    await expect(
      cache.get('/a', async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect((await cache.get('/a', async () => page('back'))).page.body.toString()).toBe('back');
  });
});
