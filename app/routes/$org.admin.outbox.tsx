import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { listUndeliverableAddresses } from '../../db/operations/outbox/email-messages';
import {
  listOutboxFailures,
  outboxCounts,
  redriveDeadEvents,
  retryOutboxEvent,
} from '../../db/operations/outbox/outbox-admin';
import { Time } from '../components/time-format';
import { requireStaff } from '../guards.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Outbox — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const [counts, failures, undeliverable] = await Promise.all([
    outboxCounts(args.context.db, org.id),
    listOutboxFailures(args.context.db, org.id, 100),
    listUndeliverableAddresses(args.context.db, org.id),
  ]);
  return { counts, failures, undeliverable };
}

const outboxAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('retry'), id: z.uuid() }),
  z.object({ intent: z.literal('redrive') }),
]);

export async function action(args: ActionFunctionArgs) {
  const { org } = await requireStaff(args);
  const parsed = outboxAction.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ message: 'Choose an event to retry', ok: false }, { status: 422 });
  try {
    if (parsed.data.intent === 'retry') {
      await retryOutboxEvent(args.context.db, org.id, parsed.data.id, new Date());
      return { message: 'Retrying now.', ok: true };
    }
    const count = await redriveDeadEvents(args.context.db, org.id, new Date());
    return { message: `${count} dead event${count === 1 ? '' : 's'} back in the queue.`, ok: true };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ message: refusal.message, ok: false }));
  }
}

export default function Outbox() {
  const { counts, failures, undeliverable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>Outbox</h1>
      <p className="muted">
        Everything Infra24 tells the outside — emails, calendar invites, webhooks — waits here until the worker delivers
        it.
      </p>
      {result ? (
        <p className={result.ok ? 'notice' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      <table className="counts">
        <tbody>
          <tr>
            <th>Waiting</th>
            <td>{counts.pending}</td>
          </tr>
          <tr>
            <th>Failed, retrying</th>
            <td>{counts.retrying}</td>
          </tr>
          <tr>
            <th>Dead (gave up)</th>
            <td>{counts.dead}</td>
          </tr>
          <tr>
            <th>Delivered</th>
            <td>{counts.delivered}</td>
          </tr>
        </tbody>
      </table>
      {counts.dead > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="redrive">
            Put every dead event back in the queue
          </button>
        </Form>
      ) : null}
      <h2>Failures</h2>
      {failures.length === 0 ? (
        <p className="muted">Nothing has failed.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Event</th>
              <th>Attempts</th>
              <th>Last error</th>
              <th>Next try</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {failures.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.topic}
                  <br />
                  <small className="muted">{f.id}</small>
                </td>
                <td>{f.retryCount}</td>
                <td>{f.lastError}</td>
                <td>{f.deadAt ? <span className="badge cancelled">dead</span> : <Time at={f.deliverAfter} />}</td>
                <td>
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={f.id} />
                    <button type="submit" name="intent" value="retry" className="secondary">
                      Retry now
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Undeliverable addresses</h2>
      <p className="muted">
        Email to these bounced or was marked as spam (reported by Resend); they get no more reminders.
      </p>
      {undeliverable.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Address</th>
              <th>Why</th>
              <th>Since</th>
            </tr>
          </thead>
          <tbody>
            {undeliverable.map((u) => (
              <tr key={u.address}>
                <td>{u.address}</td>
                <td>{u.reason === 'bounced' ? 'bounced' : 'marked as spam'}</td>
                <td>
                  <Time at={u.since} style="date" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
