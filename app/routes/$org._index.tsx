import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ArrowRight, CalendarDays, Users, Wrench } from 'lucide-react';
import { descriptionToText } from '../../core/rich-text';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { listResources } from '../../db/operations/bookings/resources';
import { listPublicWorkshops } from '../../db/operations/workshops/workshop-catalog';
import { SeatsBadge } from '../components/seats-badge';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '../components/ui/card';
import { openingHoursSummary } from '../../core/opening-hours-words';
import { orgTimeFormatter } from '../../core/time-format';
import { catalogViewer, sessionSummary } from '../workshop-views.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.org.name} — Infra24` : 'Infra24' },
];

/** How many upcoming workshops the home page leads with; the catalog has the rest. */
const UPCOMING = 6;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const { audience } = await catalogViewer(request, context, org.id);
  const time = orgTimeFormatter(org);
  const [resources, workshops] = await Promise.all([
    listResources(context.db, org.id),
    listPublicWorkshops(context.db, org.id, new Date(), {}, audience),
  ]);
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    workshopCount: workshops.length,
    upcoming: workshops.slice(0, UPCOMING).map((w) => {
      const next = w.sessions[0];
      return {
        slug: w.slug,
        title: w.title,
        tags: w.tags.slice(0, 3),
        membersOnly: !w.isPublic,
        summary: descriptionToText(w.descriptionHtml, 140),
        next: next ? sessionSummary(next, time) : null,
        moreSessions: Math.max(0, w.sessions.length - 1),
      };
    }),
    resources: resources
      .filter((r) => r.isBookable)
      .map(({ id, title, type, capacity, availabilityRules }) => ({
        id,
        title,
        type,
        capacity,
        hours: openingHoursSummary(availabilityRules, time),
      })),
  };
}

const TYPE_LABELS = { space: 'Spaces', equipment: 'Equipment', person: 'Studio visits', other: 'Other' } as const;

export default function OrganizationHome() {
  const { org, upcoming, workshopCount, resources } = useLoaderData<typeof loader>();
  const has = (type: keyof typeof TYPE_LABELS) => resources.some((r) => r.type === type);
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-10 px-4 py-8 sm:px-6 sm:py-10">
      <section aria-labelledby="upcoming-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <p className="text-sm font-medium text-accent-text">{org.name}</p>
            <h1 id="upcoming-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
              Upcoming workshops
            </h1>
            <p className="mt-1 text-sm text-muted">Times in {org.timeZone}</p>
          </div>
          {workshopCount ? (
            <Button asChild variant="secondary">
              <Link to={`/${org.slug}/workshops`}>
                All workshops ({workshopCount}) <ArrowRight aria-hidden />
              </Link>
            </Button>
          ) : null}
        </div>
        {upcoming.length ? (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {upcoming.map((workshop) => (
              <li key={workshop.slug}>
                <Card className="relative flex h-full flex-col">
                  <CardHeader>
                    <div className="flex flex-wrap gap-1.5">
                      {workshop.membersOnly ? <Badge tone="info">Members only</Badge> : null}
                      {workshop.tags.map((tag) => (
                        <Badge key={tag}>{tag}</Badge>
                      ))}
                    </div>
                    <CardTitle>
                      <Link
                        to={`/${org.slug}/workshops/${workshop.slug}`}
                        className="text-ink no-underline after:absolute after:inset-0 hover:underline"
                      >
                        {workshop.title}
                      </Link>
                    </CardTitle>
                  </CardHeader>
                  <CardContent className="flex flex-1 flex-col gap-2">
                    {workshop.next ? (
                      <p className="flex items-start gap-2 text-sm">
                        <CalendarDays className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
                        <span>
                          <span className="font-medium">{workshop.next.day}</span>, {workshop.next.time}
                          {workshop.moreSessions ? (
                            <span className="text-muted">
                              {' '}
                              · {workshop.moreSessions} more {workshop.moreSessions === 1 ? 'date' : 'dates'}
                            </span>
                          ) : null}
                        </span>
                      </p>
                    ) : null}
                    {workshop.summary ? (
                      <CardDescription className="line-clamp-3">{workshop.summary}</CardDescription>
                    ) : null}
                  </CardContent>
                  {workshop.next?.seatsLeft !== undefined ? (
                    <CardFooter className="text-sm">
                      <SeatsBadge seatsLeft={workshop.next.seatsLeft} waitlistLength={workshop.next.waitlistLength} />
                    </CardFooter>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        ) : (
          <Card>
            <CardContent className="py-8 text-center text-muted sm:pt-8">No workshops are scheduled yet.</CardContent>
          </Card>
        )}
      </section>

      {has('person') || has('equipment') ? (
        <section aria-labelledby="book-heading" className="flex flex-col gap-4">
          <h2 id="book-heading" className="text-xl font-semibold">
            Visit and book
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {has('person') ? (
              <Card>
                <CardHeader>
                  <CardTitle as="h3" className="flex items-center gap-2">
                    <Users className="size-5 text-accent-text" aria-hidden /> Studio visits
                  </CardTitle>
                  <CardDescription>
                    Meet an artist in their studio: pick a free time and send a request.
                  </CardDescription>
                </CardHeader>
                <CardFooter>
                  <Button asChild>
                    <Link to={`/${org.slug}/studio-visits`}>Request a studio visit</Link>
                  </Button>
                </CardFooter>
              </Card>
            ) : null}
            {has('equipment') ? (
              <Card>
                <CardHeader>
                  <CardTitle as="h3" className="flex items-center gap-2">
                    <Wrench className="size-5 text-accent-text" aria-hidden /> Equipment
                  </CardTitle>
                  <CardDescription>For members: book the kiln, the press and the rest of the shop.</CardDescription>
                </CardHeader>
                <CardFooter>
                  <Button asChild variant="secondary">
                    <Link to={`/${org.slug}/equipment`}>Book equipment</Link>
                  </Button>
                </CardFooter>
              </Card>
            ) : null}
          </div>
        </section>
      ) : null}

      {resources.length ? (
        <section aria-labelledby="places-heading" className="flex flex-col gap-4">
          <h2 id="places-heading" className="text-xl font-semibold">
            Spaces, equipment and hours
          </h2>
          {(Object.keys(TYPE_LABELS) as (keyof typeof TYPE_LABELS)[]).filter(has).map((type) => (
            <div key={type} className="flex flex-col gap-2">
              <h3 className="text-sm font-semibold tracking-wide text-muted uppercase">{TYPE_LABELS[type]}</h3>
              <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
                {resources
                  .filter((r) => r.type === type)
                  .map((r) => (
                    <li key={r.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-4">
                      <span className="font-medium sm:w-56 sm:shrink-0">{r.title}</span>
                      <span className="text-sm text-muted sm:w-28 sm:shrink-0">
                        {r.capacity} {r.capacity === 1 ? 'place' : 'places'}
                      </span>
                      <span className="text-sm break-words text-muted">{r.hours}</span>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </main>
  );
}
