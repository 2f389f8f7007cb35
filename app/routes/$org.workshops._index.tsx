import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { DateTime } from 'luxon';
import { descriptionToText } from '../../core/rich-text';
import { workshopFilterSchema } from '../../core/schemas/workshop';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { listPublicWorkshops } from '../../db/operations/workshops/workshop-catalog';
import { eventsJsonLd, JsonLd } from '../components/json-ld';
import { orgTimeFormatter } from '../../core/time-format';
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

export default function PublicWorkshops() {
  const { org, filter, tags, workshops, page, pageCount } = useLoaderData<typeof loader>();
  const pageLink = (target: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...filter, page: String(target) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `?${query}`;
  };
  return (
    <main className="page">
      {/* Search engines hear only of public workshops. */}
      <JsonLd
        data={eventsJsonLd(
          org,
          workshops.filter((w) => !w.membersOnly),
        )}
      />
      <h1>Workshops at {org.name}</h1>
      <p className="muted">
        <a href={`/${org.slug}/workshops.ics`}>Subscribe in your calendar</a> (Google, Apple, Outlook: add this address
        as a calendar by URL).
      </p>
      <p className="muted">Times in {org.timeZone}.</p>
      <Form method="get" className="row" aria-label="Filter workshops">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" type="search" name="q" defaultValue={filter.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" type="date" name="from" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" type="date" name="to" defaultValue={filter.to ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="tag">Tag</label>
          <select id="tag" name="tag" defaultValue={filter.tag ?? ''}>
            <option value="">Any</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <label>
          <input type="checkbox" name="seats" value="1" defaultChecked={filter.seats === '1'} /> Has seats
        </label>
        <button type="submit">Show</button>
      </Form>
      {workshops.length === 0 ? <p>No upcoming workshops match.</p> : null}
      {workshops.map((w) => (
        <article key={w.slug} className="workshop-card">
          <h2>
            <Link to={w.slug}>{w.title}</Link>
            {w.membersOnly ? (
              <>
                {' '}
                <span className="badge members-only">Members only</span>
              </>
            ) : null}
          </h2>
          {w.series ? (
            <p className="muted">
              Registration is for the whole series ({w.sessions.length} session{w.sessions.length === 1 ? '' : 's'}).
            </p>
          ) : null}
          {w.tags.length ? <p className="muted">{w.tags.join(' · ')}</p> : null}
          <p>{w.summary}</p>
          <ul>
            {w.sessions.map((s) => (
              <li key={s.id}>
                {s.day}, {s.time} —{' '}
                {s.seatsLeft
                  ? `${s.seatsLeft} seat${s.seatsLeft === 1 ? '' : 's'} left`
                  : `full (waitlist: ${s.waitlistLength})`}
              </li>
            ))}
          </ul>
        </article>
      ))}
      {pageCount > 1 ? (
        <nav className="row" aria-label="Pages">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              Previous
            </Link>
          ) : null}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} rel="next">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p>
        <a href={`/${org.slug}`}>{org.name}</a>
      </p>
    </main>
  );
}
