import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { splitByLocalDay } from '../../core/free-slots';
import { fieldErrors, line } from '../../core/validation';
import { slotsOfType } from '../../db/operations/bookings/free-slots';
import { requestResourceBooking } from '../../db/operations/bookings/resource-requests';
import { localInput, requestRefused, weekWindow } from '../booking-requests.server';
import { orgTimeFormatter } from '../time-format.server';
import { WeekNav } from '../components/week-nav';
import { requireOrgRole } from '../guards.server';

export const meta: MetaFunction = () => [{ title: 'Book equipment — Infra24' }];

/** Members only: residents (and staff) see the equipment's free time and book it. */
const requireMember = (args: LoaderFunctionArgs) => requireOrgRole(args, 'resident');

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireMember(args);
  const params = new URL(args.request.url).searchParams;
  const now = new Date();
  const week = weekWindow(params.get('week'), orgTimeFormatter(org), now);
  const equipment = await slotsOfType(args.context.db, {
    orgId: org.id,
    type: 'equipment',
    from: week.from,
    to: week.to,
    now,
  });
  const weekParam = params.get('week') ?? '';
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    week: { ...week, from: week.from.toISOString(), to: week.to.toISOString() },
    prefill: {
      resourceId: params.get('resource') ?? '',
      start: params.get('start') ?? '',
      end: params.get('end') ?? '',
    },
    equipment: equipment.map(({ resource, slots }) => ({
      id: resource.id,
      title: resource.title,
      timeZone: resource.timeZone,
      requiresApproval: resource.requiresApproval,
      notes: typeof resource.metadata.notes === 'string' ? resource.metadata.notes : null,
      days: splitByLocalDay(slots, resource.timeZone).map((day) => ({
        date: day.date,
        label: orgTimeFormatter(org, resource.timeZone).calendarDayHeading(day.date),
        free: day.intervals.map((free) => {
          const start = localInput(free.start, resource.timeZone);
          const end = localInput(free.end, resource.timeZone);
          return {
            label: orgTimeFormatter(org, resource.timeZone).timeRange(free.start, free.end),
            href: `?${new URLSearchParams({ week: weekParam, resource: resource.id, start, end })}#request`,
          };
        }),
      })),
    })),
  };
}

const requestSchema = z.object({
  resourceId: z.uuid('choose the equipment'),
  startsAt: z.string({ error: 'is required' }).min(1, 'is required'),
  endsAt: z.string({ error: 'is required' }).min(1, 'is required'),
  purpose: line().trim().max(200, 'must be at most 200 characters').optional(),
});

export async function action(args: ActionFunctionArgs) {
  const { org, user, actor } = await requireMember(args);
  const parsed = requestSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success)
    return data(
      { ok: false as const, error: 'Check the highlighted fields', fields: fieldErrors(parsed.error) },
      { status: 422 },
    );
  const { resourceId, startsAt, endsAt, purpose } = parsed.data;
  try {
    const booking = await requestResourceBooking(args.context.db, {
      orgId: org.id,
      actor: { type: 'user', id: user.id, role: actor.role },
      resourceId,
      type: 'equipment',
      title: purpose ? `${user.name}: ${purpose}` : user.name,
      localStart: startsAt,
      localEnd: endsAt,
    });
    return redirect(`/${org.slug}/dashboard/bookings?requested=${booking.id}`);
  } catch (error) {
    return requestRefused(error, orgTimeFormatter(org));
  }
}

export default function Equipment() {
  const { org, week, equipment, prefill } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const fields: Record<string, string[]> = result?.fields ?? {};
  const error = (name: string) =>
    fields[name] ? (
      <p className="error" role="alert">
        {fields[name].join('; ')}
      </p>
    ) : null;
  return (
    <main className="page">
      <h1>Book equipment at {org.name}</h1>
      <p className="muted">
        Free times, in {org.timeZone}. Pick one to fill in the form below, then adjust the times.{' '}
        <Link to={`/${org.slug}/dashboard/bookings`}>My bookings</Link>
      </p>
      <WeekNav week={week} />
      {equipment.length === 0 ? <p>No equipment to book here.</p> : null}
      {equipment.map((item) => (
        <section key={item.id}>
          <h2>
            {item.title} {item.requiresApproval ? <span className="badge pending">needs staff approval</span> : null}
          </h2>
          {item.notes ? <p className="muted">{item.notes}</p> : null}
          {item.days.length === 0 ? (
            <p className="muted">Nothing free this week.</p>
          ) : (
            <ul>
              {item.days.map((day) => (
                <li key={day.date}>
                  <strong>{day.label}</strong>:{' '}
                  {day.free.map((free, index) => (
                    <span key={free.href}>
                      {index ? ', ' : ''}
                      <a href={free.href} aria-label={`${item.title}, ${day.label}, ${free.label}`}>
                        {free.label}
                      </a>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}

      {equipment.length ? (
        <section id="request">
          <h2>Request a booking</h2>
          {result?.error ? (
            <p className="error" role="alert">
              {result.error}
            </p>
          ) : null}
          <Form method="post" className="narrow" key={`${prefill.resourceId}${prefill.start}`}>
            <div className="field">
              <label htmlFor="resourceId">Equipment</label>
              <select id="resourceId" name="resourceId" defaultValue={prefill.resourceId || equipment[0].id}>
                {equipment.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}
                  </option>
                ))}
              </select>
              {error('resourceId')}
            </div>
            <div className="field">
              <label htmlFor="startsAt">From ({org.timeZone})</label>
              <input id="startsAt" name="startsAt" type="datetime-local" required defaultValue={prefill.start} />
              {error('startsAt')}
            </div>
            <div className="field">
              <label htmlFor="endsAt">Until</label>
              <input id="endsAt" name="endsAt" type="datetime-local" required defaultValue={prefill.end} />
              {error('endsAt')}
            </div>
            <div className="field">
              <label htmlFor="purpose">What for (optional)</label>
              <input id="purpose" name="purpose" maxLength={200} />
              {error('purpose')}
            </div>
            <button type="submit" disabled={busy}>
              Request booking
            </button>
            <p className="muted">Equipment that needs approval waits for the staff; you get an email either way.</p>
          </Form>
        </section>
      ) : null}
    </main>
  );
}
