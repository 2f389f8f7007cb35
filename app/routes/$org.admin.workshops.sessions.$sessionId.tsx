import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { text } from '../../core/validation';
import { attendanceSchema, sessionMessageSchema, waitlistMoveSchema } from '../../core/schemas/workshop';
import { cancelRegistration, markAttendance } from '../../db/operations/registrations/registrations';
import { messageRegistrants } from '../../db/operations/workshops/session-messages';
import { moveOnWaitlist } from '../../db/operations/registrations/waitlist';
import { sessionRoster } from '../../db/operations/workshops/workshop-catalog';
import { requireStaff } from '../guards.server';
import { answerDomainError, throwAsPageResponse } from '../page-errors.server';
import { orgTimeFormatter } from '../time-format.server';

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
  z.object({ intent: z.literal('cancel'), registrationId: z.uuid(), reason: text().trim().max(500).optional() }),
  sessionMessageSchema.extend({ intent: z.literal('message') }),
]);

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: intentSchema });
  if (submission.status !== 'success') {
    const errors = submission.reply().error ?? {};
    return data(
      {
        error: Object.entries(errors)
          .map(([field, messages]) => `${field}: ${messages?.join('; ')}`)
          .join(' · '),
        sent: null,
      },
      { status: 422 },
    );
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
      return { error: null, sent: recipients };
    }
    if (input.intent === 'attendance')
      await markAttendance(db, { orgId: org.id, actor, registrationId: input.registrationId, status: input.status });
    else if (input.intent === 'move')
      await moveOnWaitlist(db, {
        orgId: org.id,
        actor,
        registrationId: input.registrationId,
        position: input.position,
        reason: input.reason,
      });
    else
      await cancelRegistration(db, {
        orgId: org.id,
        actor,
        registrationId: input.registrationId,
        reason: input.reason,
        baseUrl: args.context.config.publicUrl,
      });
    return { error: null, sent: null };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message, sent: null }));
  }
}

const SEATED = new Set(['registered', 'attended', 'no_show']);

export default function Roster() {
  const { session, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
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
  return (
    <main className="page roster">
      <p>
        <Link to={`../../${session.workshopId}`} relative="path">
          ← Workshop
        </Link>
      </p>
      <h1>{session.title}</h1>
      <p>
        {session.when} ({session.timeZone}) · {session.room}
      </p>
      <p>
        {session.taken} of {session.capacity} seats taken · {session.waitlist} waiting ·{' '}
        <a href={`/${session.orgSlug}/admin/workshops/roster-csv/${session.id}`} download>
          Download CSV
        </a>
      </p>
      {result?.error ? (
        <p className="error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.sent ? (
        <p className="notice" role="status">
          Message sent to {result.sent} {result.sent === 1 ? 'person' : 'people'}.
        </p>
      ) : null}

      <h2>Attendance ({seated.length})</h2>
      <ul className="roster-list">
        {seated.map((p) => (
          <li key={p.id} className={`roster-person ${p.status}`}>
            <div>
              <strong>{p.name}</strong> <span className={`badge ${p.status}`}>{p.status.replace('_', '-')}</span>
              <div className="muted">{p.email}</div>
            </div>
            <Form method="post" className="roster-actions">
              <input type="hidden" name="intent" value="attendance" />
              <input type="hidden" name="registrationId" value={p.id} />
              <button
                type="submit"
                name="status"
                value="attended"
                disabled={busy || p.status === 'attended'}
                aria-label={`${p.name} attended`}
              >
                Attended
              </button>
              <button
                type="submit"
                name="status"
                value="no_show"
                className="secondary"
                disabled={busy || p.status === 'no_show'}
                aria-label={`${p.name} did not come`}
              >
                No-show
              </button>
              {p.status !== 'registered' ? (
                <button type="submit" name="status" value="registered" className="secondary" disabled={busy}>
                  Undo
                </button>
              ) : null}
            </Form>
          </li>
        ))}
      </ul>

      {offered.length ? (
        <>
          <h2>Offered a seat ({offered.length})</h2>
          <ul className="roster-list">
            {offered.map((p) => (
              <li key={p.id} className="roster-person">
                <div>
                  <strong>{p.name}</strong> <span className="muted">answer by {p.offerExpires}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Waitlist ({waitlist.length})</h2>
      <ol className="roster-list">
        {waitlist.map((p) => (
          <li key={p.id} className="roster-person">
            <div>
              <strong>
                {p.position}. {p.name}
              </strong>
              <div className="muted">{p.email}</div>
            </div>
            <Form method="post" className="roster-actions">
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="registrationId" value={p.id} />
              <input
                name="position"
                type="number"
                min={1}
                defaultValue={p.position ?? 1}
                aria-label={`New position for ${p.name}`}
                className="short"
              />
              <input
                name="reason"
                placeholder="Reason"
                aria-label={`Reason for moving ${p.name}`}
                required
                minLength={3}
              />
              <button type="submit" className="secondary" disabled={busy}>
                Move
              </button>
            </Form>
          </li>
        ))}
      </ol>

      {cancellable.length ? (
        <>
          <h2>Cancel someone</h2>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="cancel" />
            <select name="registrationId" aria-label="Registration to cancel" required>
              {cancellable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.status})
                </option>
              ))}
            </select>
            <input name="reason" placeholder="Reason (optional)" aria-label="Reason for cancelling" />
            <button type="submit" className="danger" disabled={busy}>
              Cancel registration
            </button>
          </Form>
        </>
      ) : null}

      <h2>Message everyone registered</h2>
      <Form method="post" className="stack" aria-label="Message everyone registered">
        <input type="hidden" name="intent" value="message" />
        <div className="field">
          <label htmlFor="message-subject">Subject</label>
          <input id="message-subject" name="subject" required minLength={3} maxLength={150} />
        </div>
        <div className="field">
          <label htmlFor="message-body">Message</label>
          <textarea id="message-body" name="body" rows={5} required maxLength={5000} />
        </div>
        <p className="muted">
          Goes by email to everyone holding a seat or an open offer ({reachable}), with the session's time and place.
        </p>
        <button type="submit" disabled={busy || reachable === 0}>
          Send message
        </button>
      </Form>

      {cancelled.length ? (
        <>
          <h2>Cancelled ({cancelled.length})</h2>
          <p className="muted">{cancelled.map((p) => p.name).join(', ')}</p>
        </>
      ) : null}
    </main>
  );
}
