import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { mailboxShowsSecretLinks } from '../../config/env';
import { listMailbox } from '../../db/operations/outbox/email-messages';
import { Time } from '../components/time-format';
import { requireAdmin } from '../guards.server';

export const meta: MetaFunction = () => [{ title: 'Mailbox — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  const to = new URL(args.request.url).searchParams.get('to')?.trim() || undefined;
  const showSecretLinks = mailboxShowsSecretLinks(args.context.config);
  const messages = await listMailbox(args.context.db, org.id, { limit: 200, to, showSecretLinks });
  return { messages, usesResend: Boolean(args.context.config.RESEND_API_KEY), showSecretLinks };
}

export default function Mailbox() {
  const { messages, usesResend, showSecretLinks } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <main className="page">
      <h1>Mailbox</h1>
      <p className="muted">
        {usesResend
          ? 'Every email sent through Resend, as it was sent.'
          : 'No email provider is set (SMTP_URL or RESEND_API_KEY), so emails are delivered here instead: this is what people would receive.'}
      </p>
      <p className={showSecretLinks ? 'notice' : 'muted'}>
        {showSecretLinks
          ? 'This installation runs in demo mode without an email provider, so sign-in, password-reset and invitation emails are shown here too: anyone who reads this mailbox can sign in as the people they were sent to. Never use demo mode with real accounts.'
          : 'Sign-in, password-reset and invitation emails are not shown: only the person they were sent to may read their links.'}
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
              <td>
                <Time at={m.createdAt} />
              </td>
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
