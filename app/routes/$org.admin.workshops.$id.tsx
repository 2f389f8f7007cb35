import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { namedConflicts } from '../../core/booking-conflicts';
import { type FieldErrors, isAppError } from '../../core/errors';
import {
  sessionCancelSchema,
  sessionFormSchema,
  workshopFormSchema,
  workshopInputFromForm,
} from '../../core/schemas/workshop';
import { orgTimeFormatter } from '../../core/time-format';
import { listResources } from '../../db/operations/bookings/resources';
import { cancelWorkshopSession } from '../../db/operations/workshops/session-cancellation';
import { workshopForStaff } from '../../db/operations/workshops/workshop-catalog';
import { addWorkshopSession, updateWorkshop } from '../../db/operations/workshops/workshops';
import { ErrorSummary } from '../components/forms/error-summary';
import { SelectField, TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card';
import { WorkshopForm, workshopFormDefaults } from '../components/workshop-form';
import { WorkshopSessions } from '../components/workshop-sessions';
import { requireStaff } from '../guards.server';
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

/** The add-session form's fields as its labels name them. */
const SESSION_LABELS = {
  resourceId: 'Room',
  startsAt: 'Starts',
  endsAt: 'Ends',
  capacity: 'Seats',
  availabilityOverrideReason: 'Outside opening hours because',
};

/**
 * What the session forms are told: the outcome in words and by field, and the add form's own answer
 * (errors beside its fields, a refusal in its summary).
 */
type SessionAnswer = {
  intent: 'add-session' | 'cancel-session';
  ok: boolean;
  message: string;
  fields?: FieldErrors;
  result?: SubmissionResult<string[]>;
};

type Staff = Awaited<ReturnType<typeof requireStaff>>;

async function addSession(args: ActionFunctionArgs, { org, actor }: Staff, formData: FormData) {
  const intent = 'add-session';
  const submission = parseWithZod(formData, { schema: sessionFormSchema(org.timeZone) });
  if (submission.status !== 'success') {
    const result = submission.reply();
    const session: SessionAnswer = {
      intent,
      ok: false,
      message: 'Check the session fields',
      fields: result.error as FieldErrors,
      result,
    };
    return data({ session }, { status: 422 });
  }
  try {
    await addWorkshopSession(args.context.db, {
      orgId: org.id,
      actor,
      workshopId: args.params.id ?? '',
      session: submission.value,
    });
    const session: SessionAnswer = {
      intent,
      ok: true,
      message: 'Session added',
      result: submission.reply({ resetForm: true }),
    };
    return { session };
  } catch (error) {
    return answerDomainError(error, (refusal) => {
      const message = refusal.conflicts?.length
        ? `The room is already booked then by ${namedConflicts(refusal.conflicts, orgTimeFormatter(org))}`
        : refusal.message;
      // A refusal of one of the form's fields goes beside it; anything else, in words, in the summary.
      const named = Object.keys(refusal.fields ?? {});
      const beside = named.length > 0 && named.every((name) => Object.hasOwn(SESSION_LABELS, name));
      const session: SessionAnswer = {
        intent,
        ok: false,
        message,
        fields: refusal.fields,
        result: submission.reply(beside ? { fieldErrors: refusal.fields } : { formErrors: [`${message}.`] }),
      };
      return { session };
    });
  }
}

async function cancelSession(args: ActionFunctionArgs, { org, actor }: Staff, formData: FormData) {
  const intent = 'cancel-session';
  const submission = parseWithZod(formData, { schema: sessionCancelSchema });
  if (submission.status !== 'success') {
    const reason = submission.error?.reason;
    const session: SessionAnswer = {
      intent,
      ok: false,
      message: reason ? `The reason ${reason.join(' ')}` : 'Choose a session to cancel',
    };
    return data({ session }, { status: 422 });
  }
  try {
    const { cancelledRegistrations } = await cancelWorkshopSession(args.context.db, {
      orgId: org.id,
      actor,
      sessionId: submission.value.sessionId,
      reason: submission.value.reason,
    });
    const session: SessionAnswer = {
      intent,
      ok: true,
      message: `Session cancelled; ${cancelledRegistrations} registration${cancelledRegistrations === 1 ? '' : 's'} cancelled and told`,
    };
    return { session };
  } catch (error) {
    return answerDomainError(error, (refusal) => {
      const session: SessionAnswer = { intent, ok: false, message: refusal.message };
      return { session };
    });
  }
}

export async function action(args: ActionFunctionArgs) {
  const staff = await requireStaff(args);
  const { org, actor } = staff;
  const formData = await args.request.formData();
  const intent = formData.get('intent');
  if (intent === 'cancel-session') return cancelSession(args, staff, formData);
  if (intent === 'add-session') return addSession(args, staff, formData);
  const submission = parseWithZod(formData, { schema: workshopFormSchema });
  if (submission.status !== 'success') return data({ workshop: submission.reply() }, { status: 422 });
  try {
    await updateWorkshop(args.context.db, {
      orgId: org.id,
      actor,
      id: args.params.id ?? '',
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

/** A result that empties a form: another form's answer must not leave old messages here. */
const CLEARED: SubmissionResult = { initialValue: null };

function AddSessionForm({
  timeZone,
  rooms,
  lastResult,
  added,
}: {
  timeZone: string;
  rooms: { value: string; label: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  /** What was added, in words, after a success. */
  added: string | undefined;
}) {
  const schema = useMemo(() => sessionFormSchema(timeZone), [timeZone]);
  const [form, fields] = useForm({
    id: 'add-session',
    lastResult,
    // A select without an empty choice shows its first option; after a reset too.
    defaultValue: { resourceId: rooms[0]?.value },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
      {added ? <Notice>{added}.</Notice> : null}
      <ErrorSummary form={form} labels={SESSION_LABELS} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField meta={fields.resourceId} label={SESSION_LABELS.resourceId} options={rooms} />
        <TextField meta={fields.startsAt} label={`Starts (${timeZone})`} type="datetime-local" />
        <TextField meta={fields.endsAt} label={SESSION_LABELS.endsAt} type="datetime-local" />
        <TextField meta={fields.capacity} label="Seats (if different)" type="number" inputMode="numeric" />
        <TextField
          meta={fields.availabilityOverrideReason}
          label="Outside opening hours because…"
          className="sm:col-span-2"
        />
      </div>
      <SubmitButton name="intent" value="add-session" pendingText="Adding…" className="self-start">
        Add session
      </SubmitButton>
    </Form>
  );
}

export default function EditWorkshop() {
  const { org, workshop, defaults, resources, sessions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const session = answer && 'session' in answer ? answer.session : undefined;
  const adding = session?.intent === 'add-session' ? session : undefined;
  const cancelling = session?.intent === 'cancel-session' ? session : undefined;
  const saving = answer && 'workshop' in answer ? answer : undefined;
  // Each form hears its own answer; the other is emptied of old messages.
  const answerFor = (mine: boolean, result: SubmissionResult<string[]> | undefined) =>
    answer ? (mine ? result : CLEARED) : undefined;
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
        {cancelling ? (
          <Notice tone={cancelling.ok ? 'success' : 'danger'} role={cancelling.ok ? 'status' : 'alert'}>
            {cancelling.message}.
          </Notice>
        ) : null}
        <WorkshopSessions sessions={sessions} />
        <Card>
          <CardHeader>
            <CardTitle as="h3">Add a session</CardTitle>
          </CardHeader>
          <CardContent>
            <AddSessionForm
              timeZone={org.timeZone}
              rooms={resources.map((r) => ({ value: r.id, label: r.title }))}
              lastResult={answerFor(Boolean(adding), adding?.result)}
              added={adding?.ok ? adding.message : undefined}
            />
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="details-heading" className="flex flex-col gap-4">
        <h2 id="details-heading" className="text-xl font-semibold tracking-tight">
          Details
        </h2>
        <Card>
          <CardContent className="flex flex-col gap-4 pt-5 sm:pt-6">
            {saving && 'saved' in saving ? <Notice>Saved.</Notice> : null}
            <WorkshopForm
              key={JSON.stringify(defaults)}
              defaultValue={defaults}
              lastResult={answerFor(Boolean(saving), saving?.workshop)}
              submitLabel="Save workshop"
            />
          </CardContent>
        </Card>
      </section>
    </main>
  );
}
