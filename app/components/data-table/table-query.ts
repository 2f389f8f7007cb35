import { z } from 'zod';

/** Where a server-mode DataTable keeps its state: the page's URL (?q=&sort=&dir=&page=&size= and filters). */
export interface TableQuery<
  Sort extends string = string,
  Filters extends Record<string, string> = Record<string, string>,
> {
  q: string;
  sort: Sort;
  dir: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Rows to skip: (page - 1) × pageSize. */
  offset: number;
  filters: Partial<Filters>;
}

export const MAX_PAGE = 10_000;
export const MAX_SEARCH_LENGTH = 200;

export interface TableQueryOptions<Sort extends string, FilterName extends string> {
  /** The columns the loader can order by; the first is the default unless `defaultSort` says otherwise. */
  sortable: readonly [Sort, ...Sort[]];
  defaultSort?: Sort;
  defaultDir?: 'asc' | 'desc';
  /** Rows per page: the default, and the most anyone may ask for (never above 200). */
  pageSize?: { default: number; max: number };
  /** Filters by column: each one's allowed values. */
  filters?: Record<FilterName, readonly [string, ...string[]]>;
}

/**
 * Reads a server-mode table's state from the URL for a loader, bounded before any query runs: the
 * page from 1 to 10,000, the page size up to `pageSize.max`, the search up to 200 characters, sort
 * and filters from closed lists. A bad value is a 400 naming the parameter.
 */
export function parseTableQuery<Sort extends string, FilterName extends string = never>(
  params: URLSearchParams,
  options: TableQueryOptions<Sort, FilterName>,
): TableQuery<Sort, Record<FilterName, string>> {
  const size = options.pageSize ?? { default: 25, max: 100 };
  const maxSize = Math.min(size.max, 200);
  const filterShape = Object.fromEntries(
    Object.entries(options.filters ?? {}).map(([name, values]) => [
      name,
      z.enum(values as [string, ...string[]]).optional(),
    ]),
  );
  const schema = z.object({
    q: z.string().trim().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`).default(''),
    sort: z.enum(options.sortable).default(options.defaultSort ?? options.sortable[0]),
    dir: z.enum(['asc', 'desc']).default(options.defaultDir ?? 'asc'),
    page: z.coerce.number().int('must be a whole number').min(1).max(MAX_PAGE).default(1),
    size: z.coerce.number().int('must be a whole number').min(1).max(maxSize).default(Math.min(size.default, maxSize)),
    ...filterShape,
  });
  const raw: Record<string, string> = {};
  for (const key of ['q', 'sort', 'dir', 'page', 'size', ...Object.keys(filterShape)]) {
    const value = params.get(key);
    // An empty field of the search form means "not set".
    if (value !== null && value !== '') raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Response(`${String(issue.path[0])}: ${issue.message}`, { status: 400 });
  }
  const {
    q,
    sort,
    dir,
    page,
    size: pageSize,
    ...filters
  } = parsed.data as Record<string, unknown> & {
    q: string;
    sort: Sort;
    dir: 'asc' | 'desc';
    page: number;
    size: number;
  };
  const setFilters = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  return {
    q,
    sort,
    dir,
    page,
    pageSize,
    offset: (page - 1) * pageSize,
    filters: setFilters as Partial<Record<FilterName, string>>,
  };
}

/** The URL search of `query` with `change` applied; defaults are left out so links stay short. */
export function tableSearch(
  current: URLSearchParams,
  change: Record<string, string | number | null | undefined>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(change)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  if (next.get('page') === '1') next.delete('page');
  const search = next.toString();
  return search ? `?${search}` : '';
}
