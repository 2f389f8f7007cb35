import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { splitByLocalDay } from '../../core/free-slots';
import { type EquipmentRequest, equipmentRequestSchema } from '../../core/schemas/booking-request';
import { localFromInstant } from '../../core/schemas/wall-clock';
import { slotsOfType } from '../../db/operations/bookings/free-slots';
import { requestResourceBooking } from '../../db/operations/bookings/resource-requests';
import { requestRefused, weekWindow } from '../booking-requests.server';
import { orgTimeFormatter } from '../../core/time-format';
import { ErrorSummary } from '../components/forms/error-summary';
import { SelectField, TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { useChecksOnDemand } from '../components/forms/use-checks-on-demand';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
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
          const start = localFromInstant(free.start, resource.timeZone);
          const end = localFromInstant(free.end, resource.timeZone);
          return {
            label: orgTimeFormatter(org, resource.timeZone).timeRange(free.start, free.end),
            href: `?${new URLSearchParams({ week: weekParam, resource: resource.id, start, end })}#request`,
          };
        }),
      })),
    })),
  };
}

/** The request form's fields, as its labels name them. */
const REQUEST_LABELS = { resourceId: 'Equipment', startsAt: 'From', endsAt: 'Until', purpose: 'What for' };
const REQUEST_FIELDS = Object.keys(REQUEST_LABELS);

export async function action(args: ActionFunctionArgs) {
  const { org, user, actor } = await requireMember(args);
  const submission = parseWithZod(await args.request.formData(), { schema: equipmentRequestSchema });
  if (submission.status !== 'success')
    return data(
      {
        ok: false as const,
        error: 'Check the highlighted fields',
        fields: submission.error ?? {},
        result: submission.reply(),
      },
      { status: 422 },
    );
  const { resourceId, startsAt, endsAt, purpose } = submission.value;
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
    return requestRefused(error, orgTimeFormatter(org), { submission, shownFields: REQUEST_FIELDS });
  }
}

/** A card that is a section of the page (its heading names it). */
const SECTION_CARD = 'rounded-lg border border-line bg-surface shadow-sm scroll-mt-4';

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

// The schema reaches the browser only once the form is touched (useChecksOnDemand), with zod.
const loadRequestCheck = () =>
  import('../components/forms/request-checks').then((checks) => checks.checkEquipmentRequest);

/** The request form; filled in from a free time that was picked (`?resource=&start=&end=`). */
function RequestForm({ org, equipment, prefill }: Pick<LoaderData, 'org' | 'equipment' | 'prefill'>) {
  const result = useActionData<typeof action>();
  const checks = useChecksOnDemand(loadRequestCheck);
  const [form, fields] = useForm<EquipmentRequest>({
    id: 'equipment-request',
    lastResult: result?.result,
    defaultValue: { resourceId: prefill.resourceId || equipment[0].id, startsAt: prefill.start, endsAt: prefill.end },
    ...checks.options,
  });
  return (
    <Form method="post" {...getFormProps(form)} {...checks.formProps} className="flex flex-col gap-4">
      <ErrorSummary form={form} labels={REQUEST_LABELS} />
      <SelectField
        meta={fields.resourceId}
        label="Equipment"
        options={equipment.map((item) => ({ value: item.id, label: item.title }))}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField meta={fields.startsAt} label="From" type="datetime-local" hint={`In ${org.timeZone}`} />
        <TextField meta={fields.endsAt} label="Until" type="datetime-local" />
      </div>
      <TextField meta={fields.purpose} label="What for (optional)" />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted">
          Equipment that needs approval waits for the staff; you get an email either way.
        </p>
        <SubmitButton pendingText="Sending…" className="shrink-0">
          Request booking
        </SubmitButton>
      </div>
    </Form>
  );
}

export default function Equipment() {
  const { org, week, equipment, prefill } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Book equipment</h1>
          <p className="text-sm text-muted">
            At {org.name}. Free times in {org.timeZone}: pick one to fill in the form, then adjust the times.
          </p>
        </div>
        <Button asChild variant="secondary" size="sm" className="self-start sm:self-auto">
          <Link to={`/${org.slug}/dashboard/bookings`}>My bookings</Link>
        </Button>
      </div>
      <WeekNav week={week} />
      {equipment.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line p-4 text-sm text-muted">No equipment to book here.</p>
      ) : null}
      {equipment.map((item) => (
        <section key={item.id} className={SECTION_CARD} aria-labelledby={`equipment-${item.id}`}>
          <CardHeader>
            <CardTitle as="h2" id={`equipment-${item.id}`} className="flex flex-wrap items-center gap-2">
              {item.title} {item.requiresApproval ? <Badge tone="warning">needs staff approval</Badge> : null}
            </CardTitle>
            {item.notes ? <CardDescription>{item.notes}</CardDescription> : null}
          </CardHeader>
          <CardContent>
            {item.days.length === 0 ? (
              <p className="text-sm text-muted">Nothing free this week.</p>
            ) : (
              <ul className="flex flex-col divide-y divide-line">
                {item.days.map((day) => (
                  <li key={day.date} className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center sm:gap-4">
                    <span className="text-sm font-medium sm:w-52 sm:shrink-0">{day.label}</span>
                    <span className="flex flex-wrap gap-2">
                      {day.free.map((free) => (
                        <Button key={free.href} asChild variant="secondary" size="sm">
                          <a href={free.href} aria-label={`${item.title}, ${day.label}, ${free.label}`}>
                            {free.label}
                          </a>
                        </Button>
                      ))}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </section>
      ))}

      {equipment.length ? (
        <section id="request" className={SECTION_CARD} aria-labelledby="request-heading">
          <CardHeader>
            <CardTitle as="h2" id="request-heading">
              Request a booking
            </CardTitle>
          </CardHeader>
          <CardContent>
            <RequestForm
              key={`${prefill.resourceId}${prefill.start}`}
              org={org}
              equipment={equipment}
              prefill={prefill}
            />
          </CardContent>
        </section>
      ) : null}
    </main>
  );
}
