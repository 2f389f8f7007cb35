import { useEffect, useState } from 'react';

interface Report {
  published?: boolean;
  revision?: number;
  diff?: {
    added: unknown[];
    moved: { title: string; registrations: number }[];
    changed: unknown[];
    removed: { title: string; registrations: number }[];
  };
  workshops?: { added: { title: string }[]; changed: { title: string; fields: string[] }[] };
  conflicts?: { message: string }[];
  warnings?: { message: string }[];
  error?: string;
}

const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  capacity: 'seats',
  tags: 'tags',
  isPublic: 'public or not',
  descriptionHtml: 'description',
};

/** Shows exactly what publishing would do (a dry run), then publishes it. */
export function PublishDialog({
  orgSlug,
  seasonId,
  onClose,
}: {
  orgSlug: string;
  seasonId: string;
  onClose: () => void;
}) {
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
    setResult(await (await fetch(url, { method: 'POST' })).json());
    setBusy(false);
  };
  const shown = result ?? preview;
  const touched = (shown?.diff?.moved ?? [])
    .concat(shown?.diff?.removed ?? [])
    .reduce((sum, e) => sum + e.registrations, 0);
  return (
    <div className="dialog publish-dialog" role="dialog" aria-labelledby="publish-title">
      <h2 id="publish-title">
        {result ? (result.published ? 'Published' : 'Nothing was published') : 'Publish the season'}
      </h2>
      {!shown ? <p>Checking the draft…</p> : null}
      {shown?.error ? <p className="error">{shown.error}</p> : null}
      {shown?.diff ? (
        <p>
          {shown.diff.added.length} added · {shown.diff.moved.length} moved · {shown.diff.changed.length} changed ·{' '}
          {shown.diff.removed.length} removed
          {touched ? ` · ${touched} registered ${touched === 1 ? 'person' : 'people'} will be told` : ''}
        </p>
      ) : null}
      {shown?.workshops && (shown.workshops.added.length || shown.workshops.changed.length) ? (
        <p className="workshop-changes">
          Workshops:{' '}
          {[
            ...shown.workshops.added.map((w) => `${w.title} (new)`),
            ...shown.workshops.changed.map(
              (w) => `${w.title} (${w.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')})`,
            ),
          ].join(' · ')}
        </p>
      ) : null}
      {shown?.conflicts?.length ? (
        <>
          <p className="error">
            {shown.conflicts.length} conflict{shown.conflicts.length === 1 ? '' : 's'} must be fixed first:
          </p>
          <ul>
            {shown.conflicts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a report's list is shown once and never reordered
              <li key={i}>{c.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      {shown?.warnings?.length ? (
        <ul className="muted">
          {shown.warnings.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a report's list is shown once and never reordered
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        {!result && preview && !preview.conflicts?.length && !preview.error ? (
          <button type="button" onClick={publish} disabled={busy}>
            {busy ? 'Publishing…' : 'Publish now'}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
