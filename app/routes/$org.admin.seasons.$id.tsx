import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { lazy, Suspense } from 'react';
import calendarStyles from 'react-big-calendar/lib/css/react-big-calendar.css?url';
import dragAndDropStyles from 'react-big-calendar/lib/addons/dragAndDrop/styles.css?url';
import { z } from 'zod';
import { listResources } from '../../db/operations/bookings/resources';
import { findSeason } from '../../db/operations/seasons/seasons';
import { ClientOnly } from '../components/client-only';
import { requireStaff } from '../guards.server';
import { seasonDocumentName } from '../../core/draft/document-name';
import { CalendarDates } from '../components/time-format';

const SeasonBoard = lazy(() => import('../components/season-board.client'));

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: calendarStyles },
  { rel: 'stylesheet', href: dragAndDropStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.season.name ?? 'Season'} — Infra24` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { org, user } = await requireStaff(args);
  const id = z.uuid().safeParse(args.params.id);
  const season = id.success ? await findSeason(args.context.db, org.id, id.data) : undefined;
  if (!season) throw new Response('No such season', { status: 404 });
  const resources = await listResources(args.context.db, org.id);
  return {
    org: { slug: org.slug, timeZone: org.timeZone },
    season: { id: season.id, name: season.name, startsOn: season.startsOn, endsOn: season.endsOn },
    documentName: seasonDocumentName(org.id, season.id),
    /** Where the browser reaches the collab process; null: /collab on this page's own address. */
    collabUrl: args.context.config.COLLAB_PUBLIC_URL ?? null,
    user: { id: user.id, name: user.name },
    resources: resources
      .filter((r) => r.isBookable)
      .map(({ id, title, type, capacity, timeZone, availabilityRules }) => ({
        id,
        title,
        type,
        capacity,
        timeZone,
        availabilityRules,
      })),
  };
}

export default function SeasonPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <main className="page wide">
      <h1>{data.season.name}</h1>
      <p className="muted">
        <CalendarDates first={data.season.startsOn} last={data.season.endsOn} /> · times in {data.org.timeZone}.
        Everyone on this page edits the same draft; nothing is booked until you publish.
      </p>
      <ClientOnly fallback={<p>Loading the board…</p>}>
        {() => (
          <Suspense fallback={<p>Loading the board…</p>}>
            <SeasonBoard {...data} />
          </Suspense>
        )}
      </ClientOnly>
    </main>
  );
}
