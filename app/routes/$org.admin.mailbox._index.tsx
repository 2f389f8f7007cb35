import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { listMailbox } from '../../db/operations/outbox/email-messages';
import { requireAdmin } from '../guards.server';

export const meta: MetaFunction = () => [{ title: 'Mailbox — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  const to = new URL(args.request.url).searchParams.get('to')?.trim() || undefined;
  const messages = await listMailbox(args.context.db, org.id, { limit: 200, to });
  return json({ messages, usesResend: Boolean(args.context.config.RESEND_API_KEY) });
}

export default function Mailbox() {
  const { messages, usesResend } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <main className="page">
      <h1>Mailbox</h1>
      <p className="muted">
        {usesResend
          ? 'Every email sent through Resend, as it was sent.'
          : 'No email provider is set (RESEND_API_KEY), so emails are delivered here instead: this is what people would receive.'}
      </p>
      <Form method="get" className="row">
        <input
          type="search"
          name="to"
          defaultValue={params.get('to') ?? ''}
          placeholder="Recipient email"
          aria-label="Recipient"
        />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <table>
        <thead>
          <tr>
            <th>Sent</th>
            <th>To</th>
            <th>Subject</th>
            <th>Invite</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <td>{new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
              <td>{m.toAddress}</td>
              <td>
                <Link to={m.id}>{m.subject}</Link>
              </td>
              <td>{m.attachmentCount > 0 ? '📅 .ics' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {messages.length === 0 ? <p className="muted">No emails yet.</p> : null}
    </main>
  );
}
