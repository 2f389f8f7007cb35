import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CalendarDays, CalendarPlus, ChevronLeft, ChevronRight, Search } from 'lucide-react';
import { DateTime } from 'luxon';
import { descriptionToText } from '../../core/rich-text';
import { workshopFilterSchema } from '../../core/schemas/workshop';
import { orgTimeFormatter } from '../../core/time-format';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { listPublicWorkshops } from '../../db/operations/workshops/workshop-catalog';
import { eventsJsonLd, JsonLd } from '../components/json-ld';
import { EmptyList } from '../components/my-list';
import { SeatsBadge } from '../components/seats-badge';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
import { Input } from '../components/ui/input';
import { Label } from '../components/ui/label';
import { NativeSelect } from '../components/ui/native-select';
import { absoluteUrl, catalogViewer, sessionSummary } from '../workshop-views.server';

const PAGE_SIZE = 24;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const filter = workshopFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const day = (date: string | undefined, end: boolean) => {
    if (!date) return undefined;
    const start = DateTime.fromISO(date, { zone: org.timeZone });
    return start.isValid ? (end ? start.plus({ days: 1 }) : start).toJSDate() : undefined;
  };
  const { audience } = await catalogViewer(request, context, org.id);
  const workshops = await listPublicWorkshops(
    context.db,
    org.id,
    new Date(),
    {
      from: day(filter.from, false),
      to: day(filter.to, true),
      tag: filter.tag || undefined,
      text: filter.q || undefined,
      withSeatsOnly: filter.seats === '1',
    },
    audience,
  );
  const allTags = [...new Set(workshops.flatMap((w) => w.tags))].sort();
  const pageCount = Math.max(1, Math.ceil(workshops.length / PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pageCount);
  const pageUrl = absoluteUrl(context, `/${org.slug}/workshops`);
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    filter,
    tags: allTags,
    pageUrl,
    page,
    pageCount,
    workshops: workshops.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((w) => {
      return {
        slug: w.slug,
        title: w.title,
        tags: w.tags,
        membersOnly: !w.isPublic,
        series: w.registrationMode === 'series',
        summary: descriptionToText(w.descriptionHtml, 220),
        url: absoluteUrl(context, `/${org.slug}/workshops/${w.slug}`),
        sessions: w.sessions.map((s) => ({
          ...sessionSummary(s, orgTimeFormatter(org)),
          location: `${s.resourceTitle}, ${org.name}`,
        })),
      };
    }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Workshops — Infra24' }];
  const title = `Workshops at ${data.org.name}`;
  const description = `Upcoming workshops at ${data.org.name}: ${
    data.workshops
      .slice(0, 5)
      .map((w) => w.title)
      .join(', ') || 'none scheduled right now'
  }.`;
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:type', content: 'website' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: data.pageUrl },
    { tagName: 'link', rel: 'canonical', href: data.pageUrl },
  ];
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The filters, sent as a plain GET so they work before (and without) JavaScript. */
function FilterForm({ filter, tags }: Pick<LoaderData, 'filter' | 'tags'>) {
  return (
    <Form
      method="get"
      aria-label="Filter workshops"
      className="grid gap-3 rounded-lg border border-line bg-surface p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))_auto] lg:items-end"
    >
      <div className="flex flex-col gap-1.5 sm:col-span-2 lg:col-span-1">
        <Label htmlFor="q">Search</Label>
        <Input id="q" type="search" name="q" defaultValue={filter.q ?? ''} placeholder="Title or description" />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="from">From</Label>
        <Input id="from" type="date" name="from" defaultValue={filter.from ?? ''} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="to">To</Label>
        <Input id="to" type="date" name="to" defaultValue={filter.to ?? ''} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="tag">Tag</Label>
        <NativeSelect id="tag" name="tag" defaultValue={filter.tag ?? ''}>
          <option value="">Any</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex items-center justify-between gap-4 sm:col-span-2 lg:col-span-1 lg:h-10 lg:justify-start">
        <label className="flex items-center gap-2 text-sm font-medium whitespace-nowrap">
          <input
            type="checkbox"
            name="seats"
            value="1"
            defaultChecked={filter.seats === '1'}
            className="size-4 accent-[var(--accent)]"
          />
          Has seats
        </label>
        <Button type="submit">
          <Search aria-hidden /> Show
        </Button>
      </div>
    </Form>
  );
}

function WorkshopCard({ workshop }: { workshop: LoaderData['workshops'][number] }) {
  return (
    <Card className="relative flex flex-col md:flex-row">
      <CardHeader className="min-w-0 flex-1 md:pb-5">
        <div className="flex flex-wrap gap-1.5 empty:hidden">
          {workshop.membersOnly ? <Badge tone="info">Members only</Badge> : null}
          {workshop.series ? <Badge>Series of {workshop.sessions.length}</Badge> : null}
          {workshop.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
        <CardTitle>
          {/* The whole card follows the title's link. */}
          <Link to={workshop.slug} className="text-ink no-underline after:absolute after:inset-0 hover:underline">
            {workshop.title}
          </Link>
        </CardTitle>
        {workshop.summary ? <CardDescription className="line-clamp-3">{workshop.summary}</CardDescription> : null}
        {workshop.series ? <p className="text-sm text-muted">Registration is for the whole series.</p> : null}
      </CardHeader>
      <CardContent className="md:w-96 md:shrink-0 md:border-l md:border-line md:p-5">
        <ul aria-label={`Sessions of ${workshop.title}`} className="flex flex-col gap-2.5">
          {workshop.sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 text-sm">
              <span className="flex items-start gap-2">
                <CalendarDays className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
                <span>
                  <span className="font-medium">{s.day}</span>
                  <span className="block text-muted">{s.time}</span>
                </span>
              </span>
              <SeatsBadge seatsLeft={s.seatsLeft} waitlistLength={s.waitlistLength} />
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

export default function PublicWorkshops() {
  const { org, filter, tags, workshops, page, pageCount } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.q || filter.from || filter.to || filter.tag || filter.seats);
  const pageLink = (target: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...filter, page: String(target) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `?${query}`;
  };
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      {/* Search engines hear only of public workshops. */}
      <JsonLd
        data={eventsJsonLd(
          org,
          workshops.filter((w) => !w.membersOnly),
        )}
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Workshops</h1>
          <p className="text-sm text-muted">
            At {org.name}. Times in {org.timeZone}.
          </p>
        </div>
        <div className="flex flex-col gap-1 sm:items-end">
          <Button asChild variant="secondary" size="sm" className="self-start sm:self-auto">
            <a href={`/${org.slug}/workshops.ics`}>
              <CalendarPlus aria-hidden /> Subscribe in your calendar
            </a>
          </Button>
          <p className="text-xs text-muted">Google, Apple, Outlook: add this address as a calendar by URL.</p>
        </div>
      </div>
      <FilterForm filter={filter} tags={tags} />
      {workshops.length === 0 ? (
        <EmptyList>
          No upcoming workshops match.{' '}
          {filtered ? (
            <Link to={`/${org.slug}/workshops`} className="font-medium text-accent-text">
              Show all workshops
            </Link>
          ) : null}
        </EmptyList>
      ) : (
        <ul aria-label="Workshops" className="flex flex-col gap-4">
          {workshops.map((w) => (
            <li key={w.slug}>
              <WorkshopCard workshop={w} />
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav
          aria-label="Pages"
          className="flex items-center justify-between gap-2 rounded-lg border border-line bg-surface p-1.5"
        >
          {page > 1 ? (
            <Button asChild variant="ghost" size="sm">
              <Link to={pageLink(page - 1)} rel="prev">
                <ChevronLeft aria-hidden /> Previous
              </Link>
            </Button>
          ) : (
            <span className="w-24" />
          )}
          <span className="text-sm font-medium">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Button asChild variant="ghost" size="sm">
              <Link to={pageLink(page + 1)} rel="next">
                Next <ChevronRight aria-hidden />
              </Link>
            </Button>
          ) : (
            <span className="w-24" />
          )}
        </nav>
      ) : null}
    </main>
  );
}
