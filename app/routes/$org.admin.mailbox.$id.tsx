import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useParams } from '@remix-run/react';
import { ArrowLeft, Download } from 'lucide-react';
import { z } from 'zod';
import type { MimeTreeNode } from '../../db/schema/index';
import { Time } from '../components/time-format';
import { Button } from '../components/ui/button';
import { cn } from '../components/ui/cn';
import { focusRing } from '../components/ui/focus';
import { loadMailboxMessage } from '../mailbox.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? 'Email'} — Infra24` },
];

const VIEWS = ['email', 'text', 'mime', 'raw'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABELS: Record<View, string> = { email: 'Email', text: 'Plain text', mime: 'MIME parts', raw: 'Raw source' };

export async function loader(args: LoaderFunctionArgs) {
  const message = await loadMailboxMessage(args);
  // Which view of the email: a link per view, so it works without JavaScript; anything else is the email itself.
  const view = z
    .enum(VIEWS)
    .catch('email')
    .parse(new URL(args.request.url).searchParams.get('view') ?? 'email');
  return {
    view,
    message: {
      id: message.id,
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
  const { message, view } = useLoaderData<typeof loader>();
  const { org } = useParams();
  const mailbox = `/${org}/admin/mailbox`;
  const here = `${mailbox}/${message.id}`;
  const views = VIEWS.filter((v) => (v === 'mime' ? message.mimeTree : v === 'raw' ? message.rawMessage : true));
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-5 px-4 py-8 sm:px-6">
      <p>
        <Link
          to={mailbox}
          className={cn(
            'inline-flex min-h-6 items-center gap-1 rounded-sm text-sm text-accent-text hover:underline',
            focusRing,
          )}
        >
          <ArrowLeft className="size-4" aria-hidden /> Mailbox
        </Link>
      </p>
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{message.subject}</h1>
        <p className="text-sm text-muted">
          To <span className="break-all">{message.to}</span> · <Time at={message.createdAt} style="long" />
        </p>
      </header>
      {message.attachments.length ? (
        <ul aria-label="Attachments" className="flex flex-wrap gap-2">
          {message.attachments.map((a) => (
            <li key={a.index}>
              <Button asChild variant="secondary" size="sm">
                <a href={`${here}/attachments/${a.index}`} download={a.filename}>
                  <Download aria-hidden /> Download {a.filename}
                </a>
              </Button>
              <p className="mt-1 text-xs break-all text-muted">{a.contentType}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <nav aria-label="Views of this email" className="max-w-full overflow-x-auto">
        <ul className="inline-flex items-center gap-1 rounded-lg bg-subtle p-1">
          {views.map((v) => (
            <li key={v}>
              <Link
                to={v === 'email' ? here : `${here}?view=${v}`}
                replace
                preventScrollReset
                aria-current={v === view ? 'page' : undefined}
                className={cn(
                  'inline-flex h-8 items-center rounded-md px-2 text-sm font-medium whitespace-nowrap text-muted hover:text-ink sm:px-3',
                  v === view && 'bg-surface text-ink shadow-sm',
                  focusRing,
                )}
              >
                {VIEW_LABELS[v]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div>
        {view === 'email' ? (
          // The email's own HTML, isolated: no scripts, no access to this page.
          <iframe
            title="Email"
            sandbox=""
            srcDoc={message.html}
            className="h-[32rem] w-full rounded-lg border border-line bg-white"
          />
        ) : view === 'text' ? (
          <Source label="Plain text">{message.text}</Source>
        ) : view === 'mime' && message.mimeTree ? (
          <div className="rounded-lg border border-line bg-surface p-4 text-sm">
            <MimeTree node={message.mimeTree} />
          </div>
        ) : (
          <Source label="Raw source">{message.rawMessage ?? ''}</Source>
        )}
      </div>
    </main>
  );
}

/** Text that may be long: it scrolls in its own box, which the keyboard can reach. */
function Source({ label, children }: { label: string; children: string }) {
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      aria-label={label}
      className={cn('max-h-[40rem] overflow-auto rounded-lg border border-line bg-surface p-4', focusRing)}
    >
      <pre className="font-mono text-xs break-all whitespace-pre-wrap">{children}</pre>
    </section>
  );
}

/** The parts as a nested list: what Outlook and Gmail see when they look for the invitation. */
function MimeTree({ node }: { node: MimeTreeNode }) {
  return (
    <ul className="ml-4 list-disc">
      <li>
        <code className="font-mono text-xs">{node.contentType}</code>
        {node.filename ? <span className="text-muted"> ({node.filename})</span> : null}
        {node.children?.map((child, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the tree is fixed once sent: a part's position is its identity
          <MimeTree key={index} node={child} />
        ))}
      </li>
    </ul>
  );
}
