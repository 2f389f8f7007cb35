import type { ResourceFacts } from '../../../core/draft/conflicts';
import type { FixAllPlan } from '../../../core/draft/fix-all';
import { useTimeFormat } from '../time-format';
import { Button } from '../ui/button';
import { BoardDialog, ChangeEntry, DialogSection, MoveLine } from './board-dialog';

interface Props {
  plan: FixAllPlan;
  resources: Map<string, ResourceFacts>;
  onApply(): void;
  onClose(): void;
}

/** A plan for every conflict, as a diff to read before anything moves: each move from → to, and what it cannot fix. */
export function FixAllDialog({ plan, resources, onApply, onClose }: Props) {
  const time = useTimeFormat();
  const place = (slot: { resourceId: string; startsAt: string; endsAt: string }) =>
    `${time.range(slot.startsAt, slot.endsAt)} · ${resources.get(slot.resourceId)?.title ?? 'unknown room'}`;
  const count = plan.moves.length;
  return (
    <BoardDialog
      className="fix-all-dialog"
      title="Fix all conflicts"
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {count ? (
            <Button onClick={onApply}>
              Apply {count} move{count === 1 ? '' : 's'}
            </Button>
          ) : null}
        </>
      }
    >
      <p className="font-medium">
        {count
          ? `Moves ${count} item${count === 1 ? '' : 's'}${plan.stats.fewestPossible === count ? ' — the fewest possible' : ''}; nothing else changes and no new conflict appears.`
          : 'Nothing can be moved to a clean slot.'}
      </p>
      {count ? (
        <ul className="flex flex-col gap-2">
          {plan.moves.map((move) => (
            <ChangeEntry key={move.id} kind="moved">
              <p className="font-medium">{move.title}</p>
              <MoveLine from={place(move.from)} to={place(move.to)} />
            </ChangeEntry>
          ))}
        </ul>
      ) : null}
      {plan.unresolved.length ? (
        <DialogSection heading="Left for you" count={plan.unresolved.length}>
          <ul className="flex flex-col gap-1.5">
            {plan.unresolved.map((u) => (
              <li key={u.item.id} className="border-l-2 border-danger pl-2">
                <span className="font-medium">{u.item.title}</span>: {u.message}
              </li>
            ))}
          </ul>
        </DialogSection>
      ) : null}
    </BoardDialog>
  );
}
