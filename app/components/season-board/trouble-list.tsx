import type { Problem } from '../../../core/draft/conflicts';

interface Props {
  problems: Problem[];
  selected: string | null;
  /** The problem in words, as the item's own hover text says it. */
  describe(problem: Problem): string;
  onShow(itemId: string): void;
  /** Offered when there is any conflict: a plan for all of them. */
  fixAll?: React.ReactNode;
}

/**
 * Everything wrong with the draft, beside the board: conflicts (red, they stop a publish) first,
 * then warnings (yellow). Each entry names the item; a click shows it on the board and selects it.
 */
export function TroubleList({ problems, selected, describe, onShow, fixAll }: Props) {
  const hard = problems.filter((p) => p.severity === 'hard');
  const soft = problems.filter((p) => p.severity === 'soft');
  return (
    <section className="side-panel trouble" aria-labelledby="trouble-title">
      <header className="side-panel-head">
        <h2 id="trouble-title">Trouble</h2>
        <span className="trouble-counts">
          {hard.length ? <span className="count hard">{hard.length} to fix</span> : null}
          {soft.length ? <span className="count soft">{soft.length} to check</span> : null}
        </span>
      </header>
      {problems.length === 0 ? <p className="muted trouble-none">None — the draft can be published.</p> : null}
      {hard.length ? fixAll : null}
      <ul className="problems">
        {[...hard, ...soft].map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own; the list is rebuilt on every change
          <li key={i} className={`problem-${p.severity}${p.item.id === selected ? ' is-selected' : ''}`}>
            <button type="button" className="problem-entry" onClick={() => onShow(p.item.id)}>
              <strong>{p.item.title}</strong>
              <span>{describe(p)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
