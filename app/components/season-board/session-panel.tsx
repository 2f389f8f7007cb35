import { DateTime } from 'luxon';
import type { DraftBlock, DraftSession, DraftWorkshop } from '../../../core/draft/model';
import { SyncedInput } from './synced-input';

export interface ItemChange {
  resourceId?: string;
  startsAt?: string;
  endsAt?: string;
  capacity?: number | null;
  note?: string | null;
  workshopKey?: string;
  title?: string;
}

interface Props {
  item: (DraftSession & { kind: 'session' }) | (DraftBlock & { kind: 'block' });
  workshops: DraftWorkshop[];
  rooms: { id: string; title: string; capacity: number }[];
  timeZone: string;
  /** Why the item is red or yellow, in words; empty when it is fine. */
  trouble: string[];
  onChange(change: ItemChange): void;
  onDuplicate(): void;
  onRemove(): void;
  onClose(): void;
  /** Repairs for its conflicts, when it has any. */
  children?: React.ReactNode;
}

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/**
 * The selected session or block, every field edited in place (room, start, end, seats, note, its
 * workshop). The keyboard works on it from anywhere on the board: see use-item-keys.ts.
 */
export function SessionPanel({
  item,
  workshops,
  rooms,
  timeZone,
  trouble,
  onChange,
  onDuplicate,
  onRemove,
  onClose,
  children,
}: Props) {
  const local = (iso: string) => DateTime.fromISO(iso, { zone: timeZone }).toFormat(LOCAL_FORMAT);
  const instant = (text: string) => DateTime.fromFormat(text, LOCAL_FORMAT, { zone: timeZone });
  const start = DateTime.fromISO(item.startsAt);
  const end = DateTime.fromISO(item.endsAt);
  const workshop = item.kind === 'session' ? workshops.find((w) => w.key === item.workshopKey) : undefined;
  const title = item.kind === 'session' ? (workshop?.title ?? item.workshopKey) : item.title;
  return (
    <section className="side-panel session-panel selected-item" aria-label={`Selected: ${title}`}>
      <header className="side-panel-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close (Esc)" onClick={onClose}>
          ✕
        </button>
      </header>
      {trouble.length ? (
        <ul className="panel-trouble">
          {trouble.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      {children}
      <div className="panel-fields">
        {item.kind === 'session' ? (
          <label className="field">
            Workshop
            <select value={item.workshopKey} onChange={(e) => onChange({ workshopKey: e.target.value })}>
              {workshops.map((w) => (
                <option key={w.key} value={w.key}>
                  {w.title}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field">
            What
            <SyncedInput
              value={item.title}
              onCommit={(text) => {
                if (!text.trim()) return false;
                onChange({ title: text.trim() });
                return true;
              }}
            />
          </label>
        )}
        <label className="field">
          Room
          <select value={item.resourceId} onChange={(e) => onChange({ resourceId: e.target.value })}>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} ({r.capacity})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Starts
          <SyncedInput
            type="datetime-local"
            value={local(item.startsAt)}
            onCommit={(text) => {
              const at = instant(text);
              if (!at.isValid) return false;
              // The length stays: moving the start moves the whole session.
              const length = end.diff(start);
              onChange({ startsAt: at.toUTC().toISO()!, endsAt: at.plus(length).toUTC().toISO()! });
              return true;
            }}
          />
        </label>
        <label className="field">
          Ends
          <SyncedInput
            type="datetime-local"
            value={local(item.endsAt)}
            onCommit={(text) => {
              const at = instant(text);
              if (!at.isValid || at <= start) return false;
              onChange({ endsAt: at.toUTC().toISO()! });
              return true;
            }}
          />
        </label>
        {item.kind === 'session' ? (
          <label className="field">
            Seats <small className="muted">(empty: the workshop’s {workshop?.capacity ?? '—'})</small>
            <SyncedInput
              type="number"
              min={0}
              max={10_000}
              value={item.capacity === undefined ? '' : String(item.capacity)}
              onCommit={(text) => {
                if (text === '') {
                  onChange({ capacity: null });
                  return true;
                }
                const seats = Number(text);
                if (!Number.isInteger(seats) || seats < 0 || seats > 10_000) return false;
                onChange({ capacity: seats });
                return true;
              }}
            />
          </label>
        ) : null}
        <label className="field">
          Note
          <textarea
            maxLength={500}
            rows={2}
            value={item.note ?? ''}
            onChange={(e) => onChange({ note: e.target.value || null })}
          />
        </label>
      </div>
      <p className="muted panel-keys">
        <small>
          <kbd>←</kbd> <kbd>→</kbd> move 15 min · <kbd>Delete</kbd> removes · <kbd>Esc</kbd> closes
        </small>
      </p>
      <div className="panel-actions">
        <button type="button" className="secondary" onClick={onDuplicate}>
          Duplicate a week later
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          Delete
        </button>
      </div>
    </section>
  );
}
