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
import { WorkshopForm, workshopFormDefaults } from '../components/workshop-form';
import { requireStaff } from '../guards.server';
import { orgTimeFormatter } from '../time-format.server';
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

function FieldError({ errors }: { errors?: string[] }) {
  return errors?.length ? (
    <p className="error" role="alert">
      {errors.join('; ')}
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
    <main className="page">
      <p>
        <Link to="..">← Workshops</Link>
      </p>
      <h1>{workshop.title}</h1>
      {workshop.published && workshop.isPublic ? (
        <p>
          <a href={`/${org.slug}/workshops/${workshop.slug}`}>Public page</a>
        </p>
      ) : (
        <p className="muted">Not on the public catalog (draft or members only).</p>
      )}

      <h2>Sessions</h2>
      <p className="muted">
        Times in {org.timeZone}. Each session books its room; a clash names the booking in the way.
      </p>
      {sessions.length === 0 ? (
        <p className="muted">No sessions yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Room</th>
              <th>Seats taken</th>
              <th>Waitlist</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.when}
                  {s.status !== 'confirmed' ? (
                    <>
                      {' '}
                      <span className="badge cancelled">{s.status}</span>
                    </>
                  ) : null}
                </td>
                <td>{s.resource}</td>
                <td>
                  {s.taken} / {s.capacity}
                </td>
                <td>{s.waitlist}</td>
                <td className="row">
                  <Link to={`../sessions/${s.id}`} relative="path">
                    Roster
                  </Link>
                  {s.status === 'confirmed' ? (
                    <Form method="post" className="row">
                      <input type="hidden" name="intent" value="cancel-session" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <input
                        name="reason"
                        placeholder="Reason (told to registrants)"
                        aria-label={`Reason for cancelling the session of ${s.when}`}
                      />
                      <button type="submit" className="danger">
                        Cancel session
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Add a session</h3>
      {sessionResult ? (
        <p className={sessionResult.ok ? 'notice' : 'error'} role={sessionResult.ok ? 'status' : 'alert'}>
          {sessionResult.message}
        </p>
      ) : null}
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="add-session" />
        <div className="field">
          <label htmlFor="session-resource">Room</label>
          <select id="session-resource" name="resourceId" required>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
          <FieldError errors={fields.resourceId} />
        </div>
        <div className="field">
          <label htmlFor="session-starts">Starts ({org.timeZone})</label>
          <input id="session-starts" type="datetime-local" name="startsAt" required />
          <FieldError errors={fields.startsAt} />
        </div>
        <div className="field">
          <label htmlFor="session-ends">Ends</label>
          <input id="session-ends" type="datetime-local" name="endsAt" required />
          <FieldError errors={fields.endsAt} />
        </div>
        <div className="field">
          <label htmlFor="session-capacity">Seats (if different)</label>
          <input id="session-capacity" type="number" name="capacity" min={1} />
          <FieldError errors={fields.capacity} />
        </div>
        <div className="field">
          <label htmlFor="session-override">Outside opening hours because…</label>
          <input id="session-override" name="availabilityOverrideReason" />
          <FieldError errors={fields.availabilityOverrideReason} />
        </div>
        <button type="submit">Add session</button>
      </Form>

      <h2>Details</h2>
      {result && 'saved' in result ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      <WorkshopForm
        key={JSON.stringify(defaults)}
        defaultValue={defaults}
        lastResult={result && 'workshop' in result ? result.workshop : undefined}
        submitLabel="Save workshop"
      />
    </main>
  );
}
