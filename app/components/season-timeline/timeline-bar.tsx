import { memo, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import type { TimeFormatter } from '../../../core/time-format';
import type { Bar } from './layout';
import { PeopleTags } from './people-tags';
import { presenceWords } from './presence-words';
import { samePropsOf } from './same-props';
import type { PresencePerson, SeasonTimelineItem } from './types';
import type { DragStart } from './use-bar-drag';
import { barHours, itemWhen } from './time-labels';

export interface TimelineBarProps {
  bar: Bar<SeasonTimelineItem>;
  /** Out of sight on the left: no label. */
  labelHidden: boolean;
  rowIndex: number;
  /** Height of the track the lanes share. */
  trackHeight: number;
  roomTitle: string;
  time: TimeFormatter;
  selected: boolean;
  dragging: boolean;
  /** Why the item is red or yellow, in words; empty when it is fine. */
  problem: string;
  people: readonly PresencePerson[] | undefined;
  onPointerDown: (event: PointerEvent, drag: DragStart) => void;
  onKeyDown: (event: KeyboardEvent, item: SeasonTimelineItem) => void;
}

const RESIZE = { start: 'resize-start', end: 'resize-end' } as const;

/**
 * The resize handle under the pointer. The handles are the bar's ::before and ::after (elements of
 * their own were two more per bar, four in ten of the timeline's elements): 6 px wide and centred
 * on the padding box's edges, so from the border box's left edge to 6 px in (under the 3 px left
 * border) and from 4 px inside its right edge (1 px border) to 2 px outside it.
 */
function edgeUnder(event: PointerEvent<HTMLElement>): 'start' | 'end' | null {
  const box = event.currentTarget.getBoundingClientRect();
  const x = event.clientX - box.left;
  if (x < 6) return 'start';
  if (x >= box.width - 4) return 'end';
  return null;
}

/** Tints the handle under the pointer, as :hover did on an element of its own; not while a button is held. */
function markEdge(event: PointerEvent<HTMLElement>) {
  const bar = event.currentTarget;
  const edge = event.type === 'pointermove' && event.buttons === 0 ? edgeUnder(event) : null;
  if ((bar.dataset.edge ?? null) === edge) return;
  if (edge) bar.dataset.edge = edge;
  else delete bar.dataset.edge;
}

/** A label line is 15 px (12 px type); a lane shows as many as fit, hours first, then the title. */
const LABEL_LINE = 15;

/** Below this width the label sits beside the bar instead of inside it. */
const LABEL_INSIDE = 64;
const LABEL_MAX = 220;

/**
 * One item on the timeline. Memoized: scrolling re-renders the rows, but a bar that stays on
 * screen (same layout, selection, trouble and presence) is not rendered again.
 */
export const TimelineBar = memo(
  function TimelineBar({
    bar,
    labelHidden,
    rowIndex,
    trackHeight,
    roomTitle,
    time,
    selected,
    dragging,
    problem,
    people,
    onPointerDown,
    onKeyDown,
  }: TimelineBarProps) {
    const { item } = bar;
    const laneHeight = (trackHeight - 8) / bar.lanes;
    const movable = item.kind !== 'booking';
    const inside = bar.width >= LABEL_INSIDE;
    const labelWidth = inside ? bar.width - 10 : Math.min(LABEL_MAX, bar.room - bar.width - 8);
    const lines = Math.max(1, Math.floor((laneHeight - 4) / LABEL_LINE));
    const resizable = movable && bar.width >= 12;
    const classes = [
      'timeline-bar',
      `draft-${item.kind}`,
      item.problem ? `problem-${item.problem}` : '',
      selected ? 'selected' : '',
      dragging ? 'dragging' : '',
      inside ? '' : 'label-beside',
      people?.length ? 'watched' : '',
      resizable ? 'resizable' : '',
    ];
    const when = itemWhen(item, time);
    const style = {
      left: bar.x,
      width: bar.width,
      top: 4 + bar.lane * laneHeight,
      height: laneHeight - 2,
      '--item-colour': item.colour,
      '--watcher-colour': people?.[0]?.colour,
    } as CSSProperties;
    return (
      // biome-ignore lint/a11y/useSemanticElements: a bar is dragged with the pointer; a <button> would swallow the drag gestures
      <div
        className={classes.filter(Boolean).join(' ')}
        data-item-id={item.id}
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={`${item.title}, ${when}, ${roomTitle}${problem ? `. ${problem}` : ''}${
          people?.length ? `. ${presenceWords(people)}` : ''
        }`}
        title={[`${item.title}, ${when}`, problem].filter(Boolean).join('\n')}
        style={style}
        onPointerDown={(event) => {
          const edge = resizable ? edgeUnder(event) : null;
          onPointerDown(event, { mode: edge ? RESIZE[edge] : 'move', item, rowIndex });
        }}
        onPointerMove={resizable ? markEdge : undefined}
        onPointerLeave={resizable ? markEdge : undefined}
        onKeyDown={(event) => onKeyDown(event, item)}
      >
        {labelWidth >= 24 && !labelHidden ? (
          // One element for the title, its hours and its flag: the hours are its ::before (a line of
          // their own above the title, so a title that wraps never pushes them out), the flag its
          // ::after. Bars scroll in by the dozen, and three more elements each were a third of the
          // timeline's elements.
          <span
            className="timeline-bar-label"
            data-hours={lines > 1 ? barHours(item, time) : undefined}
            style={{ width: labelWidth, WebkitLineClamp: lines }}
          >
            {item.title}
          </span>
        ) : null}
        {people?.length ? <PeopleTags people={people} className="timeline-bar-people" hidden /> : null}
      </div>
    );
  },
  samePropsOf<TimelineBarProps>()([
    'bar',
    'labelHidden',
    'rowIndex',
    'trackHeight',
    'roomTitle',
    'time',
    'selected',
    'dragging',
    'problem',
    'people',
    'onPointerDown',
    'onKeyDown',
  ]),
);
