import type { TimeFormatter } from '../../../core/time-format';
import { memo, type CSSProperties, type PointerEvent } from 'react';
import type { Bar } from './layout';
import type { DragMode } from './use-bar-drag';
import type { TimelineEvent } from './timeline-context';

export interface EventProps {
  className?: string;
  style?: CSSProperties;
  title?: string;
}
export type EventPropGetter = (event: TimelineEvent, start: Date, end: Date, selected: boolean) => EventProps;

interface Props {
  bar: Bar<TimelineEvent>;
  rowIndex: number;
  rowHeight: number;
  /** The organization's formatter (ADR 034). */
  time: TimeFormatter;
  selected: boolean;
  dragging: boolean;
  /** Live bookings are only shown: no edges to drag. */
  resizable: boolean;
  /** The board's eventPropGetter: trouble colours and their reasons, others' selections. */
  eventProp: EventPropGetter;
  onPointerDown: (event: PointerEvent, bar: Bar<TimelineEvent>, rowIndex: number, mode?: DragMode) => void;
  onSelect: (event: TimelineEvent) => void;
}

export const timeLabel = (date: Date, time: TimeFormatter) => time.shortDateTime(date);

// Formatting dates in a zone is the costliest part of drawing a bar: once per item (items are new
// objects whenever the draft changes, so the cache never goes stale).
const descriptions = new WeakMap<TimelineEvent, string>();
function describe(item: TimelineEvent, time: TimeFormatter): string {
  let text = descriptions.get(item);
  if (text === undefined) {
    text = `${item.title}, ${time.range(item.start, item.end)}`;
    descriptions.set(item, text);
  }
  return text;
}

/**
 * One bar. Memoized: scrolling re-renders the rows, but a bar that stays on screen (same layout,
 * same selection, same trouble) is not rendered again.
 */
export const TimelineBar = memo(function TimelineBar({
  bar,
  rowIndex,
  rowHeight,
  time,
  selected,
  dragging,
  resizable,
  eventProp,
  onPointerDown,
  onSelect,
}: Props) {
  const { item } = bar;
  const props = eventProp(item, item.start, item.end, selected);
  const laneHeight = (rowHeight - 6) / bar.lanes;
  const classes = [
    'timeline-bar',
    `draft-${item.kind}`,
    props.className,
    selected ? 'selected' : '',
    dragging ? 'dragging' : '',
  ];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a bar is dragged with the pointer; a <button> would swallow the drag gestures
    <div
      className={classes.filter(Boolean).join(' ')}
      data-event-id={item.id}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      title={[describe(item, time), props.title].filter(Boolean).join('\n')}
      style={{ ...props.style, left: bar.x, width: bar.width, top: 3 + bar.lane * laneHeight, height: laneHeight - 1 }}
      onPointerDown={(event) => onPointerDown(event, bar, rowIndex)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onSelect(item);
      }}
    >
      {bar.width > 28 ? item.title : null}
      {resizable && bar.width >= 12
        ? (['start', 'end'] as const).map((edge) => (
            <span
              key={edge}
              className={`timeline-bar-edge ${edge}`}
              aria-hidden="true"
              onPointerDown={(event) => {
                // The edge resizes; the bar under it would otherwise start a move.
                event.stopPropagation();
                onPointerDown(event, bar, rowIndex, edge === 'start' ? 'resize-start' : 'resize-end');
              }}
            />
          ))
        : null}
    </div>
  );
});
