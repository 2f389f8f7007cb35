import { useEffect, useState } from 'react';
import type { Problem, ResourceFacts } from '../../../core/draft/conflicts';
import type { DiffEntry } from '../../../core/draft/diff';
import type { EmailPreview } from '../../../db/operations/seasons/publish-people';
import { useTimeFormat } from '../time-format';
import { Button } from '../ui/button';
import { BoardDialog, ChangeEntry, type ChangeKind, DialogSection, ItemLink, MoveLine } from './board-dialog';

interface Report {
  published?: boolean;
  revision?: number;
  diff?: { added: DiffEntry[]; moved: DiffEntry[]; changed: DiffEntry[]; removed: DiffEntry[] };
  workshops?: { added: { title: string }[]; changed: { title: string; fields: string[] }[] };
  conflicts?: Problem[];
  warnings?: Problem[];
  emails?: EmailPreview[];
  told?: number;
  links?: { title: string; sessionId: string; startsAt: string }[];
  error?: string;
}

const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  capacity: 'seats',
  tags: 'tags',
  isPublic: 'public or not',
  descriptionHtml: 'description',
};
const EMAIL_NAMES: Record<EmailPreview['kind'], string> = {
  'session.rescheduled': 'New time',
  'registration.cancelled': 'Cancelled',
};
const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

interface Props {
  orgSlug: string;
  seasonId: string;
  resources: Map<string, ResourceFacts>;
  /** A warning or conflict in words, as the board says it. */
  describe(problem: Problem): string;
  onShow(itemId: string): void;
  onClose(): void;
}

/** Shows exactly what publishing would do, item by item (a dry run), then publishes it and says what happened. */
export function PublishDialog({ orgSlug, seasonId, resources, describe, onShow, onClose }: Props) {
  const url = `/${orgSlug}/admin/seasons/${seasonId}/publish`;
  const [preview, setPreview] = useState<Report>();
  const [result, setResult] = useState<Report>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    fetch(`${url}?dryRun=1`, { method: 'POST' })
      .then((r) => r.json())
      .then(setPreview)
      .catch(() => setPreview({ error: 'Could not reach the server.' }));
  }, [url]);
  const publish = async () => {
    setBusy(true);
    try {
      setResult(await (await fetch(url, { method: 'POST' })).json());
    } catch {
      setResult({ error: 'Could not reach the server: nothing was published.' });
    }
    setBusy(false);
  };
  const shown = result ?? preview;
  const diff = shown?.diff;
  const told = shown?.told ?? 0;
  const room = (id?: string) => (id ? (resources.get(id)?.title ?? 'a room no longer listed') : '');
  const time = useTimeFormat();
  const when = (p?: { startsAt: string; endsAt: string; resourceId: string }) =>
    p ? time.range(p.startsAt, p.endsAt) : '';
  const place = (p?: { startsAt: string; endsAt: string; resourceId: string }) => `${when(p)} · ${room(p?.resourceId)}`;
  const entry = (e: DiffEntry, kind: ChangeKind) => (
    <ChangeEntry key={e.id} kind={kind}>
      <p>
        {kind === 'removed' ? (
          <span className="font-medium">{e.title}</span>
        ) : (
          <ItemLink onClick={() => onShow(e.id)}>{e.title}</ItemLink>
        )}
        {e.kind === 'block' ? <span className="text-muted"> (block)</span> : null}
      </p>
      {kind === 'moved' ? (
        <MoveLine from={place(e.before)} to={place(e.after)} />
      ) : (
        <p className="text-muted">{place(kind === 'removed' ? e.before : e.after)}</p>
      )}
      {e.kind === 'session' && kind !== 'added' ? (
        <Registrants url={url} draftId={e.id} count={e.registrations} />
      ) : null}
    </ChangeEntry>
  );
  const sections = diff
    ? (
        [
          ['added', 'Added', diff.added],
          ['moved', 'Moved', diff.moved],
          ['changed', 'Changed', diff.changed],
          ['removed', 'Removed', diff.removed],
        ] as const
      ).filter(([, , list]) => list.length)
    : [];
  const canPublish = !result && preview && !preview.conflicts?.length && !preview.error;
  return (
    <BoardDialog
      className="publish-dialog"
      title={result ? (result.published ? 'Published' : 'Nothing was published') : 'Publish the season'}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          {canPublish ? (
            <Button onClick={publish} disabled={busy} aria-busy={busy || undefined}>
              {busy ? 'Publishing…' : 'Publish now'}
            </Button>
          ) : null}
        </>
      }
    >
      {!shown ? (
        <p className="text-muted" role="status">
          Checking the draft…
        </p>
      ) : null}
      {shown?.error ? (
        <p role="alert" className="font-medium text-danger">
          {shown.error}
        </p>
      ) : null}
      {diff ? (
        <p className="font-medium">
          {diff.added.length} added · {diff.moved.length} moved · {diff.changed.length} changed · {diff.removed.length}{' '}
          removed
          {result?.published
            ? ` · ${told ? `${people(told)} ${told === 1 ? 'was' : 'were'} told` : 'nobody needed telling'}`
            : told
              ? ` · ${people(told)} will be told`
              : ''}
        </p>
      ) : null}
      {shown?.conflicts?.length ? (
        <section className="flex flex-col gap-2 rounded-md border border-danger/30 bg-danger-subtle p-3">
          <p className="font-medium text-danger">
            {shown.conflicts.length} conflict{shown.conflicts.length === 1 ? '' : 's'} must be fixed first:
          </p>
          <ul className="flex flex-col gap-1.5">
            {shown.conflicts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a report's list is shown once and never reordered
              <li key={i}>
                <ProblemLine problem={c} describe={describe} when={when} onShow={onShow} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {result?.published && result.links?.length ? (
        <DialogSection heading="Published sessions">
          <ul className="flex flex-col gap-1">
            {result.links.map((link) => (
              <li key={link.sessionId}>
                <a
                  href={`/${orgSlug}/admin/workshops/sessions/${link.sessionId}`}
                  className="text-accent-text underline-offset-2 hover:underline"
                >
                  {link.title}, {time.shortDateTime(link.startsAt)}
                </a>
              </li>
            ))}
          </ul>
        </DialogSection>
      ) : null}
      {sections.map(([kind, heading, list]) => (
        <DialogSection key={kind} heading={heading} count={list.length}>
          <ul className="flex flex-col gap-2">{list.map((e) => entry(e, kind))}</ul>
        </DialogSection>
      ))}
      {shown?.workshops && (shown.workshops.added.length || shown.workshops.changed.length) ? (
        <DialogSection heading="Workshops">
          <p>
            {[
              ...shown.workshops.added.map((w) => `${w.title} (new)`),
              ...shown.workshops.changed.map(
                (w) => `${w.title} (${w.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')})`,
              ),
            ].join(' · ')}
          </p>
        </DialogSection>
      ) : null}
      {shown?.emails?.length ? (
        <DialogSection heading={`Emails ${result?.published ? 'sent' : 'that will go out'}`}>
          {shown.emails.map((email) => (
            <EmailSample key={email.kind} email={email} />
          ))}
        </DialogSection>
      ) : null}
      {shown?.warnings?.length ? (
        <DialogSection heading="Warnings" count={shown.warnings.length}>
          <ul className="flex flex-col gap-1.5">
            {shown.warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a report's list is shown once and never reordered
              <li key={i} className="border-l-2 border-warning pl-2">
                <ProblemLine problem={w} describe={describe} when={when} onShow={onShow} />
              </li>
            ))}
          </ul>
        </DialogSection>
      ) : null}
    </BoardDialog>
  );
}

/** One email that publishing sends, as its first addressee will read it. */
function EmailSample({ email }: { email: EmailPreview }) {
  return (
    <details className="rounded-md border border-line px-3 py-2">
      <summary className="cursor-pointer font-medium">
        “{EMAIL_NAMES[email.kind]}” to {people(email.recipients)}
      </summary>
      <div className="mt-2 flex flex-col gap-1.5 rounded-sm bg-subtle p-3">
        <p>
          <span className="text-muted">Subject:</span> {email.example.subject}
        </p>
        <p className="text-base font-semibold">{email.example.heading}</p>
        {email.example.paragraphs.map((text) => (
          <p key={text}>{text}</p>
        ))}
        <dl className="grid gap-1">
          {email.example.details.map(([name, value]) => (
            <div key={name} className="flex gap-2">
              <dt className="min-w-14 text-muted">{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

/** A conflict or warning naming its session and date: *Risograph basics, Tue, Dec 8, 2026, 6:00 – 8:00 PM: outside opening hours …* */
function ProblemLine({
  problem,
  describe,
  when,
  onShow,
}: {
  problem: Problem;
  describe(problem: Problem): string;
  when(p?: { startsAt: string; endsAt: string; resourceId: string }): string;
  onShow(id: string): void;
}) {
  const { item } = problem;
  const placed =
    item.startsAt && item.endsAt && item.resourceId
      ? when({ startsAt: item.startsAt, endsAt: item.endsAt, resourceId: item.resourceId })
      : '';
  return (
    <>
      <ItemLink onClick={() => onShow(item.id)}>
        {item.title}
        {placed ? `, ${placed}` : ''}
      </ItemLink>
      : {describe(problem)}
    </>
  );
}

/** How many are registered on a session, and who, fetched when asked. */
function Registrants({ url, draftId, count }: { url: string; draftId: string; count: number }) {
  const [names, setNames] = useState<{ names: string[]; total: number } | null>(null);
  if (count === 0) return <p className="text-muted">Nobody registered</p>;
  return (
    <p>
      {count} registered{' '}
      {names ? (
        <span>
          — {names.names.join(', ')}
          {names.total > names.names.length ? ` and ${names.total - names.names.length} more` : ''}
        </span>
      ) : (
        <Button
          variant="link"
          size="sm"
          className="h-auto"
          onClick={() =>
            fetch(`${url}?registrants=${encodeURIComponent(draftId)}`)
              .then((r) => r.json())
              .then(setNames)
              .catch(() => setNames({ names: ['(could not load the names)'], total: 0 }))
          }
        >
          Show names
        </Button>
      )}
    </p>
  );
}
