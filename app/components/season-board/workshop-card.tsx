import { useState } from 'react';
import type { DraftWorkshop } from '../../../core/draft/model';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../ui/alert-dialog';
import { SyncedInput } from './synced-input';

/** Card colours: a workshop's sessions are drawn in its card's colour. */
export const CARD_COLOURS = ['#0b6e6e', '#1d4ed8', '#6d28d9', '#be123c', '#c2410c', '#a16207', '#15803d', '#475569'];

export interface WorkshopChange {
  title?: string;
  capacity?: number;
  tags?: string[];
  isPublic?: boolean;
  color?: string;
}

interface Props {
  workshop: DraftWorkshop & { color?: string };
  sessionCount: number;
  placing: boolean;
  onPlace(): void;
  onChange(change: WorkshopChange): void;
  onDescribe(): void;
  onDelete(): void;
}

const tagsOf = (text: string) =>
  [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ].slice(0, 20);

/**
 * A workshop card of the draft, edited in place: every field is written to the shared draft as it
 * is typed, so co-editors see the card change live. Deleting asks first, in an alert dialog (its sessions go with it).
 */
export function WorkshopCard({ workshop, sessionCount, placing, onPlace, onChange, onDescribe, onDelete }: Props) {
  const [open, setOpen] = useState(false);
  const colour = workshop.color ?? CARD_COLOURS[0];
  const label = `workshop “${workshop.title}”`;
  return (
    <li className={placing ? 'workshop-card-item placing' : 'workshop-card-item'} style={{ borderLeftColor: colour }}>
      <div className="workshop-card-head">
        <button
          type="button"
          className="workshop-card-title"
          aria-pressed={placing}
          onClick={onPlace}
          title="Drag on the calendar to add sessions of this workshop"
        >
          <strong>{workshop.title}</strong>
          <small className="muted">
            {workshop.capacity} seats · {sessionCount} session{sessionCount === 1 ? '' : 's'}
            {workshop.isPublic ? ' · public' : ' · members only'}
          </small>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Edit the description of ${workshop.title}`}
          onClick={onDescribe}
        >
          Description
        </button>
        <button
          type="button"
          className="icon-button"
          aria-expanded={open}
          aria-label={`Edit ${label}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Done' : 'Edit'}
        </button>
      </div>
      {open ? (
        <fieldset className="workshop-card-fields" aria-label={`Details of ${label}`}>
          <label className="field">
            Title
            <SyncedInput
              value={workshop.title}
              maxLength={200}
              onCommit={(title) => {
                if (!title.trim()) return false;
                onChange({ title: title.trim() });
                return true;
              }}
            />
          </label>
          <div className="workshop-card-row">
            <label className="field">
              Seats
              <SyncedInput
                type="number"
                min={0}
                max={10_000}
                value={String(workshop.capacity)}
                onCommit={(text) => {
                  const capacity = Number(text);
                  if (text === '' || !Number.isInteger(capacity) || capacity < 0 || capacity > 10_000) return false;
                  onChange({ capacity });
                  return true;
                }}
              />
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={workshop.isPublic}
                onChange={(e) => onChange({ isPublic: e.target.checked })}
              />{' '}
              Public
            </label>
          </div>
          <label className="field">
            Tags <small className="muted">(comma-separated)</small>
            <SyncedInput
              value={workshop.tags.join(', ')}
              onCommit={(text) => {
                onChange({ tags: tagsOf(text) });
                return true;
              }}
            />
          </label>
          <fieldset className="colour-choice">
            <legend className="visually-hidden">Colour</legend>
            {CARD_COLOURS.map((c) => (
              <label key={c} className="colour-swatch" style={{ background: c }} title={c}>
                <input
                  type="radio"
                  name={`colour-${workshop.key}`}
                  checked={c === colour}
                  aria-label={`Colour ${c}`}
                  onChange={() => onChange({ color: c })}
                />
              </label>
            ))}
          </fieldset>
          <div className="workshop-card-actions">
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <button type="button" className="danger-quiet">
                  Delete…
                </button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>Delete “{workshop.title}”?</AlertDialogTitle>
                  <AlertDialogDescription>
                    {sessionCount
                      ? `Its ${sessionCount} session${sessionCount === 1 ? ' goes' : 's go'} with it, for everyone on the board.`
                      : 'It has no sessions yet.'}{' '}
                    Undo brings it back whole.
                  </AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>Keep</AlertDialogCancel>
                  <AlertDialogAction onClick={onDelete}>Delete</AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          </div>
        </fieldset>
      ) : null}
    </li>
  );
}
