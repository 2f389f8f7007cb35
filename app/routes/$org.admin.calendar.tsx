import { parseWithZod } from '@conform-to/zod/v4';
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { lazy, Suspense } from 'react';
import calendarStyles from 'react-big-calendar/lib/css/react-big-calendar.css?url';
import dragAndDropStyles from 'react-big-calendar/lib/addons/dragAndDrop/styles.css?url';
import { namedConflicts } from '../../core/booking-conflicts';
import { BOOKING_FORM_FIELDS, bookingFormSchema } from '../../core/schemas/booking-form';
import { orgTimeFormatter } from '../../core/time-format';
import { bookingView } from '../../db/operations/bookings/booking-records';
import { createBooking } from '../../db/operations/bookings/bookings';
import { listResources } from '../../db/operations/bookings/resources';
import { ClientOnly } from '../components/client-only';
import { requireStaff } from '../guards.server';
import { answerDomainError } from '../page-errors.server';

const ResourceCalendar = lazy(() => import('../components/resource-calendar.client'));

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: calendarStyles },
  { rel: 'stylesheet', href: dragAndDropStyles },
];

export const meta: MetaFunction = () => [{ title: 'Calendar — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const resources = await listResources(args.context.db, org.id);
  const requested = new URL(args.request.url).searchParams.get('date');
  const initialDate =
    requested && !Number.isNaN(Date.parse(requested)) ? new Date(requested).toISOString() : new Date().toISOString();
  return {
    org: { slug: org.slug, timeZone: org.timeZone },
    initialDate,
    resources: resources
      .filter((r) => r.isBookable)
      .map(({ id, title, type, timeZone, availabilityRules }) => ({ id, title, type, timeZone, availabilityRules })),
  };
}

/**
 * The booking dialog's form (posted by a fetcher): parsed with the core booking form schema, its errors
 * put back beside the fields; a clash names the bookings in the way, in the organization's time.
 */
export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: bookingFormSchema(org.timeZone) });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 422 });
  try {
    const booking = await createBooking(args.context.db, { orgId: org.id, actor, input: submission.value });
    return { result: submission.reply({ resetForm: true }), booking: bookingView(booking) };
  } catch (error) {
    return answerDomainError(error, (refusal) => {
      const named = Object.keys(refusal.fields ?? {});
      if (named.length > 0 && named.every((name) => BOOKING_FORM_FIELDS.includes(name)))
        return { result: submission.reply({ fieldErrors: refusal.fields }) };
      const message = refusal.conflicts?.length
        ? `The resource is already booked at that time by ${namedConflicts(refusal.conflicts, orgTimeFormatter(org))}.`
        : refusal.message.replace(/^\w+: /, '');
      return { result: submission.reply({ formErrors: [message] }) };
    });
  }
}

export default function CalendarPage() {
  const { org, resources, initialDate } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto flex max-w-[96rem] flex-col gap-4 px-4 py-8 sm:px-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Calendar</h1>
        <p className="text-sm text-muted">
          Times in {org.timeZone}. Drag across a resource's column to book it; drag a booking to move it, its edge to
          resize it.
        </p>
      </header>
      <ClientOnly fallback={<CalendarLoading />}>
        {() => (
          <Suspense fallback={<CalendarLoading />}>
            <ResourceCalendar
              orgSlug={org.slug}
              timeZone={org.timeZone}
              resources={resources}
              initialDate={initialDate}
            />
          </Suspense>
        )}
      </ClientOnly>
    </main>
  );
}

function CalendarLoading() {
  return (
    <p role="status" className="rounded-lg border border-line bg-surface p-6 text-center text-muted">
      Loading the calendar…
    </p>
  );
}
