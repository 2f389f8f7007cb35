import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { MimeTreeNode } from '../../db/schema/index';
import { Time } from '../components/time-format';
import { loadMailboxMessage } from '../mailbox.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? 'Email'} — Infra24` },
];

export async function loader(args: LoaderFunctionArgs) {
  const message = await loadMailboxMessage(args);
  return {
    message: {
      subject: message.subject,
      to: message.toAddress,
      html: message.html,
      text: message.text,
      createdAt: message.createdAt,
      attachments: message.attachments.map((a, index) => ({ index, filename: a.filename, contentType: a.contentType })),
      mimeTree: message.mimeTree ?? null,
      rawMessage: message.rawMessage ?? null,
    },
  };
}

export default function MailboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <p>
        <Link to="..">← Mailbox</Link>
      </p>
      <h1>{message.subject}</h1>
      <p className="muted">
        To {message.to} · <Time at={message.createdAt} style="long" />
      </p>
      {message.attachments.map((a) => (
        <p key={a.index}>
          <a href={`attachments/${a.index}`} download={a.filename}>
            Download {a.filename}
          </a>{' '}
          <small className="muted">{a.contentType}</small>
        </p>
      ))}
      {/* The email's own HTML, isolated: no scripts, no access to this page. */}
      <iframe
        title="Email"
        sandbox=""
        srcDoc={message.html}
        style={{ width: '100%', height: '32rem', border: '1px solid #ddd', background: '#fff' }}
      />
      <details>
        <summary>Plain text</summary>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{message.text}</pre>
      </details>
      {message.mimeTree ? (
        <details open>
          <summary>MIME structure</summary>
          <MimeTree node={message.mimeTree} />
        </details>
      ) : null}
      {message.rawMessage ? (
        <details>
          <summary>Raw message</summary>
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{message.rawMessage}</pre>
        </details>
      ) : null}
    </main>
  );
}

/** The parts as a nested list: what Outlook and Gmail see when they look for the invitation. */
function MimeTree({ node }: { node: MimeTreeNode }) {
  return (
    <ul>
      <li>
        <code>{node.contentType}</code>
        {node.filename ? <span className="muted"> ({node.filename})</span> : null}
        {node.children?.map((child, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the tree is fixed once sent: a part's position is its identity
          <MimeTree key={index} node={child} />
        ))}
      </li>
    </ul>
  );
}
