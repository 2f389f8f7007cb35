import { describe, expect, it } from 'vitest';
import { parseTableQuery, tableSearch } from './table-query';

const options = {
  sortable: ['startsAt', 'title'] as const,
  defaultDir: 'desc' as const,
  pageSize: { default: 25, max: 100 },
  filters: { status: ['pending', 'confirmed'] as const },
};

async function refusal(search: string): Promise<[number, string]> {
  try {
    parseTableQuery(new URLSearchParams(search), options);
  } catch (error) {
    const response = error as Response;
    return [response.status, await response.text()];
  }
  throw new Error('accepted');
}

describe('parseTableQuery', () => {
  it('gives the defaults for an empty URL and for empty form fields', () => {
    for (const search of ['', 'q=&status=&page=']) {
      expect(parseTableQuery(new URLSearchParams(search), options)).toEqual({
        q: '',
        sort: 'startsAt',
        dir: 'desc',
        page: 1,
        pageSize: 25,
        offset: 0,
        filters: {},
      });
    }
  });

  it('reads search, sort, page, size and filters', () => {
    const query = parseTableQuery(
      new URLSearchParams('q=+kiln+&sort=title&dir=asc&page=3&size=10&status=pending'),
      options,
    );
    expect(query).toEqual({
      q: 'kiln',
      sort: 'title',
      dir: 'asc',
      page: 3,
      pageSize: 10,
      offset: 20,
      filters: { status: 'pending' },
    });
  });

  it('refuses out-of-bounds pages and sizes and unknown sorts or filter values, naming the parameter', async () => {
    expect(await refusal('page=0')).toEqual([400, expect.stringMatching(/^page: /)]);
    expect(await refusal('page=10001')).toEqual([400, expect.stringMatching(/^page: /)]);
    expect(await refusal('page=2.5')).toEqual([400, 'page: must be a whole number']);
    expect(await refusal('size=101')).toEqual([400, expect.stringMatching(/^size: /)]);
    expect(await refusal('sort=password')).toEqual([400, expect.stringMatching(/^sort: /)]);
    expect(await refusal('status=deleted')).toEqual([400, expect.stringMatching(/^status: /)]);
    expect(await refusal(`q=${'x'.repeat(201)}`)).toEqual([400, 'q: must be at most 200 characters']);
  });

  it('never lets a page size pass 200, whatever the route allows', () => {
    const wide = { sortable: ['a'] as const, pageSize: { default: 500, max: 1000 } };
    expect(parseTableQuery(new URLSearchParams(''), wide).pageSize).toBe(200);
  });
});

describe('tableSearch', () => {
  it('changes one parameter, drops empty ones and page 1', () => {
    const current = new URLSearchParams('q=kiln&page=3&sort=title');
    expect(tableSearch(current, { page: 1 })).toBe('?q=kiln&sort=title');
    expect(tableSearch(current, { q: '', page: null })).toBe('?sort=title');
    expect(tableSearch(new URLSearchParams(''), {})).toBe('');
  });
});
