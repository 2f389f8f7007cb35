import { useEffect } from 'react';
import type { ResourceFacts } from '../../../core/draft/conflicts';
import type { FixAllPlan } from '../../../core/draft/fix-all';
import { useTimeFormat } from '../time-format';

interface Props {
  plan: FixAllPlan;
  resources: Map<string, ResourceFacts>;
  onApply(): void;
  onClose(): void;
}

/** A plan for every conflict, as a diff to read before anything moves: each move from → to, and what it cannot fix. */
export function FixAllDialog({ plan, resources, onApply, onClose }: Props) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const time = useTimeFormat();
  const place = (slot: { resourceId: string; startsAt: string; endsAt: string }) =>
    `${time.range(slot.startsAt, slot.endsAt)} · ${resources.get(slot.resourceId)?.title ?? 'unknown room'}`;
  const count = plan.moves.length;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog publish-dialog fix-all-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="fix-all-title"
      >
        <header className="publish-head">
          <h2 id="fix-all-title">Fix all conflicts</h2>
        </header>
        <div className="publish-body">
          <p className="publish-summary">
            {count
              ? `Moves ${count} item${count === 1 ? '' : 's'}${plan.stats.fewestPossible === count ? ' — the fewest possible' : ''}; nothing else changes and no new conflict appears.`
              : 'Nothing can be moved to a clean slot.'}
          </p>
          {count ? (
            <ul className="publish-list">
              {plan.moves.map((move) => (
                <li key={move.id} className="publish-entry moved">
                  <div className="publish-entry-title">
                    <strong>{move.title}</strong>
                  </div>
                  <div className="publish-move">
                    <span className="was">{place(move.from)}</span> → <span className="now">{place(move.to)}</span>
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
          {plan.unresolved.length ? (
            <section>
              <h3>Left for you ({plan.unresolved.length})</h3>
              <ul className="publish-warnings">
                {plan.unresolved.map((u) => (
                  <li key={u.item.id}>
                    <strong>{u.item.title}</strong>: {u.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <footer className="publish-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          {count ? (
            <button type="button" onClick={onApply}>
              Apply {count} move{count === 1 ? '' : 's'}
            </button>
          ) : null}
        </footer>
      </div>
    </div>
  );
}
