import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ArrowLeft, Download } from 'lucide-react';
import { z } from 'zod';
import {
  attendanceSchema,
  rosterCancelSchema,
  sessionMessageSchema,
  waitlistMoveSchema,
} from '../../core/schemas/workshop';
import { cancelRegistration, markAttendance } from '../../db/operations/registrations/registrations';
import { messageRegistrants } from '../../db/operations/workshops/session-messages';
import { moveOnWaitlist } from '../../db/operations/registrations/waitlist';
import { sessionRoster } from '../../db/operations/workshops/workshop-catalog';
import { ErrorSummary } from '../components/forms/error-summary';
import { SelectField, TextareaField, TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Badge, type BadgeProps } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card } from '../components/ui/card';
import { requireStaff } from '../guards.server';
import { answerDomainError, throwAsPageResponse } from '../page-errors.server';
import { orgTimeFormatter } from '../../core/time-format';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Roster: ${data?.session.title ?? 'session'} — Infra24` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const roster = await sessionRoster(args.context.db, org.id, args.params.sessionId ?? '').catch(throwAsPageResponse);
  const { session } = roster;
  const time = orgTimeFormatter(org);
  return {
    session: {
      id: session.id,
      workshopId: session.workshopId,
      title: session.title,
      when: time.range(session.startsAt, session.endsAt),
      room: session.resourceTitle,
      capacity: session.capacity,
      taken: roster.seatsTaken,
      waitlist: roster.waitlistLength,
      timeZone: org.timeZone,
      orgSlug: org.slug,
    },
    people: roster.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      status: p.status,
      position: p.waitlistPosition,
      offerExpires: p.offerExpiresAt ? time.relative(p.offerExpiresAt, new Date()) : null,
    })),
  };
}

const intentSchema = z.discriminatedUnion('intent', [
  attendanceSchema.extend({ intent: z.literal('attendance') }),
  waitlistMoveSchema.extend({ intent: z.literal('move') }),
  rosterCancelSchema.extend({ intent: z.literal('cancel') }),
  sessionMessageSchema.extend({ intent: z.literal('message') }),
]);

/** The labels of the fields, so a refusal reads "Subject is required", never a raw key. */
const FIELD_LABELS: Record<string, string> = {
  subject: 'Subject',
  body: 'Message',
  position: 'New position',
  reason: 'Reason',
  registrationId: 'Person',
  status: 'Attendance',
  intent: 'Action',
};

/** The fields each roster form shows: a refusal naming one of them goes beside it, anything else in its summary. */
const SHOWN_FIELDS: Record<string, string[]> = {
  move: ['position', 'reason'],
  cancel: ['registrationId', 'reason'],
  message: ['subject', 'body'],
};

/**
 * What the roster's forms are told: the outcome in words, and for a form with fields (a waitlist move,
 * a cancel, the message) its own Conform answer; `registrationId` says which person's move form answered.
 */
type RosterAnswer = {
  intent: string;
  registrationId?: string;
  error: string | null;
  done: string | null;
  sent: number | null;
  result?: SubmissionResult<string[]>;
};

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const formData = await args.request.formData();
  const intent = String(formData.get('intent') ?? '');
  const registrationId = String(formData.get('registrationId') ?? '');
  const hasForm = Object.hasOwn(SHOWN_FIELDS, intent);
  const submission = parseWithZod(formData, { schema: intentSchema });
  if (submission.status !== 'success') {
    const errors = submission.reply().error ?? {};
    const answer: RosterAnswer = {
      intent,
      registrationId,
      error: Object.entries(errors)
        .map(([field, messages]) => `${FIELD_LABELS[field] ?? 'The form'} ${messages?.join('; ')}`)
        .join(' · '),
      done: null,
      sent: null,
      ...(hasForm ? { result: submission.reply() } : {}),
    };
    return data(answer, { status: 422 });
  }
  const input = submission.value;
  const db = args.context.db;
  try {
    if (input.intent === 'message') {
      const { recipients } = await messageRegistrants(db, {
        orgId: org.id,
        actor,
        sessionId: args.params.sessionId ?? '',
        message: { subject: input.subject, body: input.body },
      });
      return {
        intent: input.intent,
        error: null,
        done: `Message sent to ${recipients} ${recipients === 1 ? 'person' : 'people'}.`,
        sent: recipients,
        result: submission.reply({ resetForm: true }),
      } satisfies RosterAnswer;
    }
    let done: string;
    if (input.intent === 'attendance') {
      await markAttendance(db, { orgId: org.id, actor, registrationId: input.registrationId, status: input.status });
      done = { attended: 'Marked as attended.', no_show: 'Marked as a no-show.', registered: 'Mark undone.' }[
        input.status
      ];
    } else if (input.intent === 'move') {
      await moveOnWaitlist(db, {
        orgId: org.id,
        actor,
        registrationId: input.registrationId,
        position: input.position,
        reason: input.reason,
      });
      done = `Moved to place ${input.position} on the waitlist.`;
    } else {
      await cancelRegistration(db, {
        orgId: org.id,
        actor,
        registrationId: input.registrationId,
        reason: input.reason,
        baseUrl: args.context.config.publicUrl,
      });
      done = 'Registration cancelled; the person was emailed.';
    }
    return {
      intent: input.intent,
      registrationId,
      error: null,
      done,
      sent: null,
      ...(hasForm ? { result: submission.reply({ resetForm: true }) } : {}),
    } satisfies RosterAnswer;
  } catch (error) {
    return answerDomainError(error, (refusal): RosterAnswer => {
      const named = Object.keys(refusal.fields ?? {});
      const beside = named.length > 0 && named.every((name) => SHOWN_FIELDS[intent]?.includes(name));
      return {
        intent,
        registrationId,
        error: refusal.message,
        done: null,
        sent: null,
        // A form with fields shows its own refusal: beside the field it names, or in its summary.
        ...(hasForm
          ? {
              result: submission.reply(
                beside ? { fieldErrors: refusal.fields } : { formErrors: [refusal.message.replace(/^\w+: /, '')] },
              ),
            }
          : {}),
      };
    });
  }
}

/** A result that empties a form: another form's answer must not leave old messages here. */
const CLEARED: SubmissionResult = { initialValue: null };

const SEATED = new Set(['registered', 'attended', 'no_show']);
const STATUS: Record<string, { label: string; tone: BadgeProps['tone'] }> = {
  registered: { label: 'Registered', tone: 'neutral' },
  attended: { label: 'Attended', tone: 'success' },
  no_show: { label: 'No-show', tone: 'danger' },
  offered: { label: 'Offered', tone: 'info' },
  waitlisted: { label: 'Waitlisted', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

type Person = ReturnType<typeof useLoaderData<typeof loader>>['people'][number];

function PersonName({ person, prefix }: { person: Person; prefix?: string }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="flex flex-wrap items-center gap-2 font-semibold">
        <span id={`person-${person.id}`}>
          {prefix}
          {person.name}
        </span>
        {STATUS[person.status] ? (
          <Badge tone={STATUS[person.status]!.tone}>{STATUS[person.status]!.label}</Badge>
        ) : null}
      </p>
      <p className="text-sm break-all text-muted">{person.email}</p>
    </div>
  );
}

/** A person on the waitlist moved to another place, with the reason kept in the audit log. */
function MoveForm({ person, lastResult }: { person: Person; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: `move-${person.id}`,
    lastResult,
    defaultValue: { position: String(person.position ?? 1) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: waitlistMoveSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <Form method="post" preventScrollReset {...getFormProps(form)} className="flex flex-col gap-3">
      <input type="hidden" name="registrationId" value={person.id} />
      <ErrorSummary form={form} labels={{ position: 'New position', reason: 'Reason', registrationId: 'Person' }} />
      <div className="grid grid-cols-[6rem_minmax(0,1fr)] gap-3 sm:grid-cols-[7rem_minmax(0,1fr)_auto] sm:items-start">
        <TextField
          meta={fields.position}
          label={
            <>
              New position<span className="sr-only"> for {person.name}</span>
            </>
          }
          type="number"
          inputMode="numeric"
        />
        <TextField
          meta={fields.reason}
          label={
            <>
              Reason<span className="sr-only"> for moving {person.name}</span>
            </>
          }
        />
        <SubmitButton
          variant="secondary"
          name="intent"
          value="move"
          pendingText="Moving…"
          className="col-span-2 justify-self-start sm:col-span-1 sm:mt-6.5"
        >
          Move
        </SubmitButton>
      </div>
    </Form>
  );
}

/** Staff cancel anyone holding or waiting for a seat; the person is emailed. */
function CancelForm({ people, lastResult }: { people: Person[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: 'cancel-registration',
    lastResult,
    // A select without an empty choice shows its first option; after a reset too.
    defaultValue: { registrationId: people[0]?.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rosterCancelSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const options = people.map((p) => ({ value: p.id, label: `${p.name} (${STATUS[p.status]?.label ?? p.status})` }));
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-3">
      <ErrorSummary form={form} labels={{ registrationId: 'Person', reason: 'Reason' }} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
        <SelectField meta={fields.registrationId} label="Person" options={options} />
        <TextField meta={fields.reason} label="Reason (optional)" />
        <SubmitButton
          variant="danger"
          name="intent"
          value="cancel"
          pendingText="Cancelling…"
          className="justify-self-start sm:mt-6.5"
        >
          Cancel registration
        </SubmitButton>
      </div>
    </Form>
  );
}

/** A message by email to everyone holding a seat or an open offer. */
function MessageForm({
  reachable,
  lastResult,
}: {
  reachable: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: 'session-message',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionMessageSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
      <ErrorSummary form={form} labels={{ subject: 'Subject', body: 'Message' }} />
      <TextField meta={fields.subject} label="Subject" />
      <TextareaField meta={fields.body} label="Message" rows={5} />
      <p className="text-sm text-muted">
        Goes by email to everyone holding a seat or an open offer ({reachable}), with the session's time and place.
      </p>
      <SubmitButton className="w-fit" name="intent" value="message" pendingText="Sending…" disabled={reachable === 0}>
        Send message
      </SubmitButton>
    </Form>
  );
}

export default function Roster() {
  const { session, people } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as RosterAnswer | undefined;
  const seated = people.filter((p) => SEATED.has(p.status));
  const offered = people.filter((p) => p.status === 'offered');
  const waitlist = people.filter((p) => p.status === 'waitlisted');
  const cancelled = people.filter((p) => p.status === 'cancelled');
  const reachable = people.filter(
    (p) => p.status === 'registered' || p.status === 'attended' || p.status === 'offered',
  ).length;
  const cancellable = people.filter(
    (p) => p.status === 'registered' || p.status === 'offered' || p.status === 'waitlisted',
  );
  // Each form hears its own answer; the others are emptied of old messages.
  const answerFor = (intent: string, registrationId?: string) =>
    answer
      ? answer.intent === intent && (!registrationId || answer.registrationId === registrationId)
        ? answer.result
        : CLEARED
      : undefined;
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-8 sm:px-6">
      <header className="flex flex-col gap-2">
        <Link
          to={`/${session.orgSlug}/admin/workshops/${session.workshopId}`}
          className="inline-flex min-h-6 w-fit items-center gap-1 text-sm text-accent-text hover:underline"
        >
          <ArrowLeft className="size-4" aria-hidden /> Workshop
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{session.title}</h1>
        <p className="text-muted">
          {session.when} ({session.timeZone}) · {session.room}
        </p>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            <strong className="tabular-nums">
              {session.taken} of {session.capacity}
            </strong>{' '}
            seats taken · <strong className="tabular-nums">{session.waitlist}</strong> waiting
          </span>
          <Button asChild variant="secondary" size="sm">
            <a href={`/${session.orgSlug}/admin/workshops/roster-csv/${session.id}`} download>
              <Download aria-hidden /> Download CSV
            </a>
          </Button>
        </div>
      </header>
      {answer?.error && !answer.result ? (
        <Notice tone="danger" role="alert">
          {answer.error}
        </Notice>
      ) : null}
      {answer?.done ? <Notice>{answer.done}</Notice> : null}

      <section aria-labelledby="attendance-heading" className="flex flex-col gap-3">
        <h2 id="attendance-heading" className="text-lg font-semibold">
          Attendance <span className="text-muted">({seated.length})</span>
        </h2>
        {seated.length === 0 ? <p className="text-muted">Nobody has a seat yet.</p> : null}
        <ul className="flex flex-col gap-2">
          {seated.map((p) => (
            <li key={p.id} aria-labelledby={`person-${p.id}`}>
              <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
                <PersonName person={p} />
                <Form method="post" preventScrollReset className="grid grid-cols-2 gap-2 sm:flex">
                  <input type="hidden" name="intent" value="attendance" />
                  <input type="hidden" name="registrationId" value={p.id} />
                  <SubmitButton
                    size="lg"
                    name="status"
                    value="attended"
                    disabled={p.status === 'attended'}
                    aria-label={`${p.name} attended`}
                  >
                    Attended
                  </SubmitButton>
                  <SubmitButton
                    size="lg"
                    variant="secondary"
                    name="status"
                    value="no_show"
                    disabled={p.status === 'no_show'}
                    aria-label={`${p.name} no-show`}
                  >
                    No-show
                  </SubmitButton>
                  {p.status !== 'registered' ? (
                    <SubmitButton
                      size="lg"
                      variant="ghost"
                      name="status"
                      value="registered"
                      className="col-span-2"
                      aria-label={`Undo: ${p.name}`}
                    >
                      Undo
                    </SubmitButton>
                  ) : null}
                </Form>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      {offered.length ? (
        <section aria-labelledby="offered-heading" className="flex flex-col gap-3">
          <h2 id="offered-heading" className="text-lg font-semibold">
            Offered a seat <span className="text-muted">({offered.length})</span>
          </h2>
          <ul className="flex flex-col gap-2">
            {offered.map((p) => (
              <li key={p.id} aria-labelledby={`person-${p.id}`}>
                <Card className="flex flex-col gap-1 p-4">
                  <PersonName person={p} />
                  <p className="text-sm text-muted">Answer by {p.offerExpires}</p>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="waitlist-heading" className="flex flex-col gap-3">
        <h2 id="waitlist-heading" className="text-lg font-semibold">
          Waitlist <span className="text-muted">({waitlist.length})</span>
        </h2>
        {waitlist.length === 0 ? <p className="text-muted">Nobody is waiting.</p> : null}
        <ol className="flex flex-col gap-2">
          {waitlist.map((p) => (
            <li key={p.id} aria-labelledby={`person-${p.id}`}>
              <Card className="flex flex-col gap-3 p-4">
                <PersonName person={p} prefix={`${p.position}. `} />
                <MoveForm key={`${p.id}-${p.position}`} person={p} lastResult={answerFor('move', p.id)} />
              </Card>
            </li>
          ))}
        </ol>
      </section>

      {cancellable.length ? (
        <section aria-labelledby="cancel-heading" className="flex flex-col gap-3">
          <h2 id="cancel-heading" className="text-lg font-semibold">
            Cancel someone
          </h2>
          <CancelForm key={cancellable.map((p) => p.id).join()} people={cancellable} lastResult={answerFor('cancel')} />
        </section>
      ) : null}

      <section aria-labelledby="message-heading" className="flex flex-col gap-3">
        <h2 id="message-heading" className="text-lg font-semibold">
          Message everyone registered
        </h2>
        <MessageForm reachable={reachable} lastResult={answerFor('message')} />
      </section>

      {cancelled.length ? (
        <section aria-labelledby="cancelled-heading" className="flex flex-col gap-2">
          <h2 id="cancelled-heading" className="text-lg font-semibold">
            Cancelled <span className="text-muted">({cancelled.length})</span>
          </h2>
          <p className="text-muted">{cancelled.map((p) => p.name).join(', ')}</p>
        </section>
      ) : null}
    </main>
  );
}
