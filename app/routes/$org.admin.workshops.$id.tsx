import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { text } from '../../core/validation';
import { isAppError } from '../../core/errors';
import {
  instantFromLocal,
  sessionFormSchema,
  workshopFormSchema,
  workshopInputFromForm,
} from '../../core/schemas/workshop';
import { listResources } from '../../db/operations/bookings/resources';
import { cancelWorkshopSession } from '../../db/operations/workshops/session-cancellation';
import { workshopForStaff } from '../../db/operations/workshops/workshop-catalog';
import { addWorkshopSession, updateWorkshop } from '../../db/operations/workshops/workshops';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card';
import { Input } from '../components/ui/input';
import { Label } from '../components/ui/label';
import { NativeSelect } from '../components/ui/native-select';
import { WorkshopForm, workshopFormDefaults } from '../components/workshop-form';
import { WorkshopSessions } from '../components/workshop-sessions';
import { requireStaff } from '../guards.server';
import { orgTimeFormatter } from '../../core/time-format';
import { HTTP_STATUS } from '../http-status';
import { answerDomainError, throwAsPageResponse } from '../page-errors.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.workshop.title ?? 'Workshop'} — Infra24` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const [workshop, resources] = await Promise.all([
    workshopForStaff(args.context.db, org.id, args.params.id ?? '').catch(throwAsPageResponse),
    listResources(args.context.db, org.id),
  ]);
  return {
    org: { slug: org.slug, timeZone: org.timeZone },
    workshop: {
      id: workshop.id,
      slug: workshop.slug,
      title: workshop.title,
      isPublic: workshop.isPublic,
      published: workshop.publishedAt !== null,
    },
    defaults: workshopFormDefaults(workshop),
    resources: resources.filter((r) => r.isBookable).map((r) => ({ id: r.id, title: r.title })),
    sessions: workshop.sessions.map((s) => ({
      id: s.id,
      when: orgTimeFormatter(org).range(s.startsAt, s.endsAt),
      resource: s.resourceTitle,
      status: s.bookingStatus,
      capacity: s.capacity,
      taken: s.seatsTaken,
      waitlist: s.waitlistLength,
    })),
  };
}

const sessionActionSchema = sessionFormSchema.and(
  z.object({
    availabilityOverrideReason: text().trim().min(3, 'say why (at least 3 characters)').max(500).optional(),
  }),
);

type SessionResult = { ok: true; message: string } | { ok: false; message: string; fields?: Record<string, string[]> };

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const id = args.params.id ?? '';
  const formData = await args.request.formData();
  if (formData.get('intent') === 'cancel-session') {
    const parsed = z
      .object({ sessionId: z.uuid(), reason: text().trim().max(500).optional() })
      .safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return data(
        { session: { ok: false, message: 'Choose a session to cancel' } satisfies SessionResult },
        { status: 422 },
      );
    try {
      const { cancelledRegistrations } = await cancelWorkshopSession(args.context.db, {
        orgId: org.id,
        actor,
        sessionId: parsed.data.sessionId,
        reason: parsed.data.reason || undefined,
      });
      return {
        session: {
          ok: true,
          message: `Session cancelled; ${cancelledRegistrations} registration${cancelledRegistrations === 1 ? '' : 's'} cancelled and told`,
        } satisfies SessionResult,
      };
    } catch (error) {
      return answerDomainError(error, (refusal) => ({
        session: { ok: false, message: refusal.message } satisfies SessionResult,
      }));
    }
  }
  if (formData.get('intent') === 'add-session') {
    const parsed = parseWithZod(formData, { schema: sessionActionSchema });
    if (parsed.status !== 'success') {
      return data(
        {
          session: {
            ok: false,
            message: 'Check the session fields',
            fields: parsed.reply().error as Record<string, string[]>,
          } satisfies SessionResult,
        },
        { status: 422 },
      );
    }
    const startsAt = instantFromLocal(parsed.value.startsAt, org.timeZone);
    const endsAt = instantFromLocal(parsed.value.endsAt, org.timeZone);
    if (!startsAt || !endsAt) {
      const field = startsAt ? 'endsAt' : 'startsAt';
      return data(
        {
          session: {
            ok: false,
            message: `That time does not exist in ${org.timeZone} (clocks change)`,
            fields: { [field]: ['does not exist in this time zone'] },
          } satisfies SessionResult,
        },
        { status: 422 },
      );
    }
    try {
      await addWorkshopSession(args.context.db, {
        orgId: org.id,
        actor,
        workshopId: id,
        session: {
          resourceId: parsed.value.resourceId,
          startsAt,
          endsAt,
          capacity: parsed.value.capacity,
          availabilityOverrideReason: parsed.value.availabilityOverrideReason,
        },
      });
      return { session: { ok: true, message: 'Session added' } satisfies SessionResult };
    } catch (error) {
      if (!isAppError(error)) throw error;
      const inTheWay = error.conflicts?.map(
        (c) => `"${c.title}" (${orgTimeFormatter(org).range(c.startsAt, c.endsAt)})`,
      );
      const message = inTheWay?.length ? `The room is already booked then by ${inTheWay.join(', ')}` : error.message;
      return data(
        { session: { ok: false, message, fields: error.fields } satisfies SessionResult },
        { status: HTTP_STATUS[error.code] },
      );
    }
  }
  const submission = parseWithZod(formData, { schema: workshopFormSchema });
  if (submission.status !== 'success') return data({ workshop: submission.reply() }, { status: 422 });
  try {
    await updateWorkshop(args.context.db, {
      orgId: org.id,
      actor,
      id,
      workshop: workshopInputFromForm(submission.value),
      baseUrl: args.context.config.publicUrl,
    });
    return { workshop: submission.reply({ resetForm: false }), saved: true };
  } catch (error) {
    if (isAppError(error) && error.fields)
      return data({ workshop: submission.reply({ fieldErrors: error.fields }) }, { status: 409 });
    throwAsPageResponse(error);
  }
}

const controlError = (id: string, errors?: string[]) =>
  errors?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={`${id}-error`} className="text-sm font-medium text-danger">
      {errors.join(' ')}
    </p>
  ) : null;
}

export default function EditWorkshop() {
  const { org, workshop, defaults, resources, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sessionResult = result && 'session' in result ? result.session : undefined;
  const fields = (
    sessionResult && !sessionResult.ok && 'fields' in sessionResult ? (sessionResult.fields ?? {}) : {}
  ) as Record<string, string[] | undefined>;
  return (
    <main className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-1">
        <Link to=".." className="text-sm text-accent-text no-underline hover:underline">
          ← Workshops
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{workshop.title}</h1>
        {workshop.published && workshop.isPublic ? (
          <a href={`/${org.slug}/workshops/${workshop.slug}`} className="self-start text-sm text-accent-text">
            Public page
          </a>
        ) : (
          <p className="text-sm text-muted">Not on the public catalog (draft or members only).</p>
        )}
      </div>

      <section aria-labelledby="sessions-heading" className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <h2 id="sessions-heading" className="text-xl font-semibold tracking-tight">
            Sessions
          </h2>
          <p className="text-sm text-muted">
            Times in {org.timeZone}. Each session books its room; a clash names the booking in the way.
          </p>
        </div>
        <WorkshopSessions sessions={sessions} />
        <Card>
          <CardHeader>
            <CardTitle as="h3">Add a session</CardTitle>
          </CardHeader>
          <CardContent>
            <Form method="post" className="flex flex-col gap-4">
              <input type="hidden" name="intent" value="add-session" />
              {sessionResult ? (
                sessionResult.ok ? (
                  <Notice>{sessionResult.message}.</Notice>
                ) : (
                  <div
                    role="alert"
                    className="rounded-md border border-danger/40 bg-danger-subtle p-3 text-sm text-danger"
                  >
                    {sessionResult.message}.
                  </div>
                )
              ) : null}
              <div className="grid gap-4 sm:grid-cols-3">
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="session-resource">Room</Label>
                  <NativeSelect
                    id="session-resource"
                    name="resourceId"
                    required
                    {...controlError('session-resource', fields.resourceId)}
                  >
                    {resources.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.title}
                      </option>
                    ))}
                  </NativeSelect>
                  <FieldError id="session-resource" errors={fields.resourceId} />
                </div>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="session-starts">Starts ({org.timeZone})</Label>
                  <Input
                    id="session-starts"
                    type="datetime-local"
                    name="startsAt"
                    required
                    {...controlError('session-starts', fields.startsAt)}
                  />
                  <FieldError id="session-starts" errors={fields.startsAt} />
                </div>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="session-ends">Ends</Label>
                  <Input
                    id="session-ends"
                    type="datetime-local"
                    name="endsAt"
                    required
                    {...controlError('session-ends', fields.endsAt)}
                  />
                  <FieldError id="session-ends" errors={fields.endsAt} />
                </div>
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="session-capacity">Seats (if different)</Label>
                  <Input
                    id="session-capacity"
                    type="number"
                    name="capacity"
                    min={1}
                    inputMode="numeric"
                    {...controlError('session-capacity', fields.capacity)}
                  />
                  <FieldError id="session-capacity" errors={fields.capacity} />
                </div>
                <div className="flex flex-col gap-1.5 sm:col-span-2">
                  <Label htmlFor="session-override">Outside opening hours because…</Label>
                  <Input
                    id="session-override"
                    name="availabilityOverrideReason"
                    {...controlError('session-override', fields.availabilityOverrideReason)}
                  />
                  <FieldError id="session-override" errors={fields.availabilityOverrideReason} />
                </div>
              </div>
              <SubmitButton name="intent" value="add-session" pendingText="Adding…" className="self-start">
                Add session
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="details-heading" className="flex flex-col gap-4">
        <h2 id="details-heading" className="text-xl font-semibold tracking-tight">
          Details
        </h2>
        <Card>
          <CardContent className="flex flex-col gap-4 pt-5 sm:pt-6">
            {result && 'saved' in result ? <Notice>Saved.</Notice> : null}
            <WorkshopForm
              key={JSON.stringify(defaults)}
              defaultValue={defaults}
              lastResult={result && 'workshop' in result ? result.workshop : undefined}
              submitLabel="Save workshop"
            />
          </CardContent>
        </Card>
      </section>
    </main>
  );
}
