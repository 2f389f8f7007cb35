import { Form, Link, useSearchParams, useSubmit } from '@remix-run/react';
import {
  type ColumnDef,
  type ColumnFiltersState,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type Row,
  type RowData,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight, Search } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useHydrated } from '../forms/use-hydrated';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { focusRing } from '../ui/focus';
import { Input } from '../ui/input';
import { Label } from '../ui/label';
import { NativeSelect } from '../ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { type TableQuery, tableSearch } from './table-query';

declare module '@tanstack/react-table' {
  // biome-ignore lint/correctness/noUnusedVariables: the type parameters must match TanStack's declaration
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name in the stacked (phone) layout; defaults to the header when it is a string. */
    label?: string;
    align?: 'left' | 'right';
    /** The row's title in the stacked layout (shown first, without a label). */
    primary?: boolean;
    className?: string;
  }
}

export interface TableFilter {
  /** A column id (client mode) or the URL parameter the loader reads (server mode). */
  id: string;
  label: string;
  options: { value: string; label: string }[];
}

interface CommonProps<T> {
  // biome-ignore lint/suspicious/noExplicitAny: columns hold values of many types
  columns: ColumnDef<T, any>[];
  data: T[];
  /** Names the table for screen readers ("Bookings"). */
  label: string;
  getRowId?: (row: T) => string;
  filters?: TableFilter[];
  searchPlaceholder?: string;
  emptyText?: ReactNode;
  /** Actions beside the search (a "New workshop" button). */
  toolbar?: ReactNode;
}

/** Short lists: everything is in the page, sorted, filtered and paged in the browser. */
interface ClientProps<T> extends CommonProps<T> {
  mode: 'client';
  pageSize?: number;
}

/** Long lists: the loader sorts, filters and pages (parseTableQuery); the state lives in the URL. */
interface ServerProps<T> extends CommonProps<T> {
  mode: 'server';
  query: TableQuery;
  /** Rows matching the search and filters, on every page. */
  total: number;
}

export type DataTableProps<T> = ClientProps<T> | ServerProps<T>;

/**
 * An admin list on TanStack Table: search, filters, sortable headers and pages. Client mode for short
 * lists, server mode (state in ?q=&sort=&dir=&page=, links and a GET form that work without
 * JavaScript) for long ones. Below the `md` breakpoint each row is a card of "label: value" lines.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const [searchParams] = useSearchParams();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const server = props.mode === 'server';
  const table = useReactTable<T>({
    data: props.data,
    columns: props.columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    ...(server
      ? {
          manualSorting: true,
          manualFiltering: true,
          manualPagination: true,
          pageCount: Math.max(1, Math.ceil(props.total / props.query.pageSize)),
          state: {
            sorting: [{ id: props.query.sort, desc: props.query.dir === 'desc' }],
            pagination: { pageIndex: props.query.page - 1, pageSize: props.query.pageSize },
          },
        }
      : {
          getSortedRowModel: getSortedRowModel(),
          getFilteredRowModel: getFilteredRowModel(),
          getPaginationRowModel: getPaginationRowModel(),
          initialState: { pagination: { pageIndex: 0, pageSize: props.pageSize ?? 25 } },
          state: { sorting, columnFilters, globalFilter },
          onSortingChange: setSorting,
          onColumnFiltersChange: setColumnFilters,
          onGlobalFilterChange: setGlobalFilter,
          globalFilterFn: 'includesString' as const,
        }),
  });
  const rows = table.getRowModel().rows;
  const total = server ? props.total : table.getFilteredRowModel().rows.length;
  return (
    <section aria-label={props.label} data-slot="data-table" className="flex flex-col gap-3">
      {server ? (
        <ServerToolbar {...props} />
      ) : (
        <ClientToolbar
          {...props}
          globalFilter={globalFilter}
          onGlobalFilter={setGlobalFilter}
          columnFilters={columnFilters}
          onColumnFilter={(id, value) =>
            setColumnFilters((current) => [
              ...current.filter((filter) => filter.id !== id),
              ...(value ? [{ id, value }] : []),
            ])
          }
        />
      )}
      <div className="hidden md:block">
        <Table aria-label={props.label}>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                      className={cn(header.column.columnDef.meta?.align === 'right' && 'text-right')}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <SortControl
                          server={server}
                          searchParams={searchParams}
                          columnId={header.column.id}
                          sorted={sorted}
                          onToggle={header.column.getToggleSortingHandler()}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                        </SortControl>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {rows.length ? (
              rows.map((row) => (
                <TableRow key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <TableCell
                      key={cell.id}
                      className={cn(
                        cell.column.columnDef.meta?.align === 'right' && 'text-right tabular-nums',
                        cell.column.columnDef.meta?.className,
                      )}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            ) : (
              <TableRow>
                <TableCell colSpan={props.columns.length} className="py-8 text-center text-muted">
                  {props.emptyText ?? 'Nothing to show.'}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      <StackedRows rows={rows} label={props.label} emptyText={props.emptyText} />
      <Pagination
        server={server}
        searchParams={searchParams}
        page={table.getState().pagination.pageIndex + 1}
        pageCount={table.getPageCount()}
        total={total}
        onPrevious={() => table.previousPage()}
        onNext={() => table.nextPage()}
      />
    </section>
  );
}

/** A header that sorts: a link in server mode (works without JavaScript), a button in client mode. */
function SortControl({
  server,
  searchParams,
  columnId,
  sorted,
  onToggle,
  children,
}: {
  server: boolean;
  searchParams: URLSearchParams;
  columnId: string;
  sorted: false | 'asc' | 'desc';
  onToggle: ((event: unknown) => void) | undefined;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
  const className = cn(
    'inline-flex items-center gap-1 rounded-sm uppercase no-underline hover:text-ink cursor-pointer',
    sorted && 'text-ink',
    focusRing,
  );
  const content = (
    <>
      {children}
      <Icon className="size-3.5" aria-hidden />
    </>
  );
  if (server) {
    const dir = sorted === 'asc' ? 'desc' : 'asc';
    return (
      <Link
        to={tableSearch(searchParams, { sort: columnId, dir, page: null }) || '?'}
        className={className}
        data-slot="sort-link"
      >
        {content}
      </Link>
    );
  }
  return (
    <button type="button" className={className} data-slot="sort-button" onClick={onToggle} disabled={!hydrated}>
      {content}
    </button>
  );
}

/** Each row as a card of "label: value" lines, for screens narrower than `md`. */
function StackedRows<T>({ rows, label, emptyText }: { rows: Row<T>[]; label: string; emptyText?: ReactNode }) {
  if (!rows.length)
    return (
      <p className="rounded-lg border border-line bg-surface p-6 text-center text-muted md:hidden">
        {emptyText ?? 'Nothing to show.'}
      </p>
    );
  return (
    <ul aria-label={label} className="flex flex-col gap-2 md:hidden" data-slot="stacked-rows">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-line bg-surface p-3 shadow-sm">
          <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1.5 text-sm">
            {row.getVisibleCells().map((cell) => {
              const meta = cell.column.columnDef.meta;
              const header = cell.column.columnDef.header;
              const name = meta?.label ?? (typeof header === 'string' ? header : cell.column.id);
              const value = flexRender(cell.column.columnDef.cell, cell.getContext());
              // The row's title keeps a (hidden) term: a <dd> without its <dt> is an invalid list.
              return meta?.primary ? (
                <div key={cell.id} className="contents">
                  <dt className="sr-only">{name}</dt>
                  <dd className="col-span-2 text-base font-semibold break-words">{value}</dd>
                </div>
              ) : (
                <div key={cell.id} className="contents">
                  <dt className="text-muted">{name}</dt>
                  <dd className="min-w-0 break-words">{value}</dd>
                </div>
              );
            })}
          </dl>
        </li>
      ))}
    </ul>
  );
}

function Pagination({
  server,
  searchParams,
  page,
  pageCount,
  total,
  onPrevious,
  onNext,
}: {
  server: boolean;
  searchParams: URLSearchParams;
  page: number;
  pageCount: number;
  total: number;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const hydrated = useHydrated();
  const hasPrevious = page > 1;
  const hasNext = page < pageCount;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
      <p>
        {total} {total === 1 ? 'row' : 'rows'} · page {Math.min(page, pageCount)} of {pageCount}
      </p>
      <div className="flex gap-2">
        {server ? (
          <>
            <PageLink to={tableSearch(searchParams, { page: page - 1 }) || '?'} enabled={hasPrevious} rel="prev">
              <ChevronLeft aria-hidden /> Previous
            </PageLink>
            <PageLink to={tableSearch(searchParams, { page: page + 1 })} enabled={hasNext} rel="next">
              Next <ChevronRight aria-hidden />
            </PageLink>
          </>
        ) : (
          <>
            <Button variant="secondary" size="sm" onClick={onPrevious} disabled={!hydrated || !hasPrevious}>
              <ChevronLeft aria-hidden /> Previous
            </Button>
            <Button variant="secondary" size="sm" onClick={onNext} disabled={!hydrated || !hasNext}>
              Next <ChevronRight aria-hidden />
            </Button>
          </>
        )}
      </div>
    </nav>
  );
}

function PageLink({ to, enabled, rel, children }: { to: string; enabled: boolean; rel: string; children: ReactNode }) {
  if (!enabled)
    return (
      <Button variant="secondary" size="sm" disabled>
        {children}
      </Button>
    );
  return (
    <Button asChild variant="secondary" size="sm">
      <Link to={to} rel={rel}>
        {children}
      </Link>
    </Button>
  );
}

/** Search and filters as a GET form: the loader reads them; with JavaScript a filter applies on change. */
function ServerToolbar<T>({ query, filters, searchPlaceholder, toolbar, label }: ServerProps<T>) {
  const hydrated = useHydrated();
  const submit = useSubmit();
  return (
    <Form method="get" role="search" aria-label={`Search ${label}`} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <SearchBox name="q" defaultValue={query.q} placeholder={searchPlaceholder} />
      {filters?.map((filter) => (
        <FilterSelect
          key={filter.id}
          filter={filter}
          name={filter.id}
          defaultValue={query.filters[filter.id] ?? ''}
          onChange={(event) => {
            if (hydrated) submit(event.currentTarget.form);
          }}
        />
      ))}
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {toolbar ? <div className="ml-auto flex gap-2">{toolbar}</div> : null}
    </Form>
  );
}

function ClientToolbar<T>({
  filters,
  searchPlaceholder,
  toolbar,
  label,
  globalFilter,
  onGlobalFilter,
  columnFilters,
  onColumnFilter,
}: ClientProps<T> & {
  globalFilter: string;
  onGlobalFilter: (value: string) => void;
  columnFilters: ColumnFiltersState;
  onColumnFilter: (id: string, value: string) => void;
}) {
  const hydrated = useHydrated();
  return (
    <search aria-label={`Search ${label}`} className="flex flex-wrap items-end gap-2">
      <SearchBox
        value={globalFilter}
        onChange={(event) => onGlobalFilter(event.currentTarget.value)}
        placeholder={searchPlaceholder}
        disabled={!hydrated}
      />
      {filters?.map((filter) => (
        <FilterSelect
          key={filter.id}
          filter={filter}
          value={String(columnFilters.find((f) => f.id === filter.id)?.value ?? '')}
          onChange={(event) => onColumnFilter(filter.id, event.currentTarget.value)}
          disabled={!hydrated}
        />
      ))}
      {toolbar ? <div className="ml-auto flex gap-2">{toolbar}</div> : null}
    </search>
  );
}

function SearchBox(props: React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="relative min-w-0 flex-1 basis-48">
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted" aria-hidden />
      <Input type="search" aria-label="Search" className="pl-9" {...props} />
    </div>
  );
}

function FilterSelect({ filter, ...props }: { filter: TableFilter } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = `filter-${filter.id}`;
  return (
    <div className="flex min-w-36 flex-col gap-1">
      <Label htmlFor={id} className="text-xs text-muted">
        {filter.label}
      </Label>
      <NativeSelect id={id} {...props}>
        <option value="">All</option>
        {filter.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
