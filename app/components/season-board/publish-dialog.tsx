import { useEffect, useState } from 'react';
import type { Problem, ResourceFacts } from '../../../core/draft/conflicts';
import type { DiffEntry } from '../../../core/draft/diff';
import { useTimeFormat } from '../time-format';
import type { EmailPreview } from '../../../db/operations/seasons/publish-people';

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
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
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
  const entry = (e: DiffEntry, kind: 'added' | 'moved' | 'changed' | 'removed') => (
    <li key={e.id} className={`publish-entry ${kind}`}>
      <div className="publish-entry-title">
        {kind === 'removed' ? (
          <strong>{e.title}</strong>
        ) : (
          <button type="button" className="link-button" onClick={() => onShow(e.id)}>
            {e.title}
          </button>
        )}
        {e.kind === 'block' ? <small className="muted"> (block)</small> : null}
      </div>
      {kind === 'moved' ? (
        <div className="publish-move">
          <span className="was">
            {when(e.before)} · {room(e.before?.resourceId)}
          </span>{' '}
          →{' '}
          <span className="now">
            {when(e.after)} · {room(e.after?.resourceId)}
          </span>
        </div>
      ) : (
        <div className="muted">
          {when(kind === 'removed' ? e.before : e.after)} ·{' '}
          {room((kind === 'removed' ? e.before : e.after)?.resourceId)}
        </div>
      )}
      {e.kind === 'session' && kind !== 'added' ? (
        <Registrants url={url} draftId={e.id} count={e.registrations} />
      ) : null}
    </li>
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
  return (
    <div className="dialog-backdrop">
      <div className="dialog publish-dialog" role="dialog" aria-modal="true" aria-labelledby="publish-title">
        <header className="publish-head">
          <h2 id="publish-title">
            {result ? (result.published ? 'Published' : 'Nothing was published') : 'Publish the season'}
          </h2>
        </header>
        <div className="publish-body">
          {!shown ? <p>Checking the draft…</p> : null}
          {shown?.error ? <p className="error">{shown.error}</p> : null}
          {diff ? (
            <p className="publish-summary">
              {diff.added.length} added · {diff.moved.length} moved · {diff.changed.length} changed ·{' '}
              {diff.removed.length} removed
              {result?.published
                ? ` · ${told ? `${people(told)} ${told === 1 ? 'was' : 'were'} told` : 'nobody needed telling'}`
                : told
                  ? ` · ${people(told)} will be told`
                  : ''}
            </p>
          ) : null}
          {shown?.conflicts?.length ? (
            <section className="publish-conflicts">
              <p className="error">
                {shown.conflicts.length} conflict{shown.conflicts.length === 1 ? '' : 's'} must be fixed first:
              </p>
              <ul>
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
            <section>
              <h3>Published sessions</h3>
              <ul className="publish-links">
                {result.links.map((link) => (
                  <li key={link.sessionId}>
                    <a href={`/${orgSlug}/admin/workshops/sessions/${link.sessionId}`}>
                      {link.title}, {time.shortDateTime(link.startsAt)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {sections.map(([kind, heading, list]) => (
            <section key={kind}>
              <h3>
                {heading} <span className="muted">({list.length})</span>
              </h3>
              <ul className="publish-list">{list.map((e) => entry(e, kind))}</ul>
            </section>
          ))}
          {shown?.workshops && (shown.workshops.added.length || shown.workshops.changed.length) ? (
            <section className="workshop-changes">
              <h3>Workshops</h3>
              <p>
                {[
                  ...shown.workshops.added.map((w) => `${w.title} (new)`),
                  ...shown.workshops.changed.map(
                    (w) => `${w.title} (${w.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')})`,
                  ),
                ].join(' · ')}
              </p>
            </section>
          ) : null}
          {shown?.emails?.length ? (
            <section>
              <h3>Emails {result?.published ? 'sent' : 'that will go out'}</h3>
              {shown.emails.map((email) => (
                <details key={email.kind} className="email-preview">
                  <summary>
                    “{EMAIL_NAMES[email.kind]}” to {people(email.recipients)}
                  </summary>
                  <div className="email-sample">
                    <p>
                      <strong>Subject:</strong> {email.example.subject}
                    </p>
                    <p className="email-heading">{email.example.heading}</p>
                    {email.example.paragraphs.map((text) => (
                      <p key={text}>{text}</p>
                    ))}
                    <dl>
                      {email.example.details.map(([name, value]) => (
                        <div key={name}>
                          <dt>{name}</dt>
                          <dd>{value}</dd>
                        </div>
                      ))}
                    </dl>
                  </div>
                </details>
              ))}
            </section>
          ) : null}
          {shown?.warnings?.length ? (
            <section>
              <h3>Warnings</h3>
              <ul className="publish-warnings">
                {shown.warnings.map((w, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a report's list is shown once and never reordered
                  <li key={i}>
                    <ProblemLine problem={w} describe={describe} when={when} onShow={onShow} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <footer className="publish-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
          {!result && preview && !preview.conflicts?.length && !preview.error ? (
            <button type="button" onClick={publish} disabled={busy}>
              {busy ? 'Publishing…' : 'Publish now'}
            </button>
          ) : null}
        </footer>
      </div>
    </div>
  );
}

/** A conflict or warning naming its session and date: *Risograph basics, Tue 8 Dec 2026, 6:00 PM – 8:00 PM: outside opening hours …* */
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
      <button type="button" className="link-button" onClick={() => onShow(item.id)}>
        {item.title}
        {placed ? `, ${placed}` : ''}
      </button>
      : {describe(problem)}
    </>
  );
}

/** How many are registered on a session, and who, fetched when asked. */
function Registrants({ url, draftId, count }: { url: string; draftId: string; count: number }) {
  const [names, setNames] = useState<{ names: string[]; total: number } | null>(null);
  if (count === 0) return <div className="muted">Nobody registered</div>;
  return (
    <div className="registrants">
      {count} registered{' '}
      {names ? (
        <span>
          — {names.names.join(', ')}
          {names.total > names.names.length ? ` and ${names.total - names.names.length} more` : ''}
        </span>
      ) : (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            fetch(`${url}?registrants=${encodeURIComponent(draftId)}`)
              .then((r) => r.json())
              .then(setNames)
              .catch(() => setNames({ names: ['(could not load the names)'], total: 0 }))
          }
        >
          Show names
        </button>
      )}
    </div>
  );
}
