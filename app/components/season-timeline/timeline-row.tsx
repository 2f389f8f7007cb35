import { memo, type KeyboardEvent, type PointerEvent } from 'react';
import type { TimeFormatter } from '../../../core/time-format';
import type { Bar } from './layout';
import { ROOM_ROW_HEIGHT, type TimelineRoom } from './rows';
import { samePropsOf } from './same-props';
import { keep, useKeptElements } from './use-kept-elements';
import { TimelineBar, type TimelineBarProps } from './timeline-bar';
import type { ItemPresence, SeasonTimelineItem } from './types';
import type { DragStart } from './use-bar-drag';

interface Props {
  room: TimelineRoom;
  rowIndex: number;
  top: number;
  width: number;
  /** The bars that reach into the drawn stretch; the same array while that set is unchanged. */
  bars: Bar<SeasonTimelineItem>[];
  /** How many of the first bars are wholly out of sight on the left, their labels not drawn. */
  labelsHidden: number;
  time: TimeFormatter;
  selectedId: string | null;
  /** The item whose ghost is being dragged (drawn faint in its place); null when none is. */
  draggingId: string | null;
  problemText: (itemId: string) => string;
  presence: ItemPresence | undefined;
  onBarPointerDown: (event: PointerEvent, drag: DragStart) => void;
  onBarKeyDown: (event: KeyboardEvent, item: SeasonTimelineItem) => void;
  /** A press on the empty track: `x` in the track's coordinates. */
  onTrackPointerDown: (event: PointerEvent, rowIndex: number, x: number) => void;
}

/**
 * One room's track and its bars (the room's name is drawn in the sticky column of names). Memoized:
 * a scroll re-renders only the rows that come in and those whose set of bars changed.
 */
export const TimelineRow = memo(
  function TimelineRow({
    room,
    rowIndex,
    top,
    width,
    bars,
    labelsHidden,
    time,
    selectedId,
    draggingId,
    problemText,
    presence,
    onBarPointerDown,
    onBarKeyDown,
    onTrackPointerDown,
  }: Props) {
    // A bar that stays in the drawn stretch gets the element it had, as long as nothing else the
    // bars are drawn from changed: React then skips it without comparing its props.
    const keptBars = useKeptElements<Bar<SeasonTimelineItem>, TimelineBarProps>([
      rowIndex,
      room.title,
      time,
      selectedId,
      draggingId,
      problemText,
      presence,
      onBarPointerDown,
      onBarKeyDown,
    ]);
    // Which bars are out of sight depends on the bar's place in the list, so a kept one is checked.
    const keptBar = (bar: Bar<SeasonTimelineItem>, labelHidden: boolean) => {
      const kept = keptBars.get(bar);
      return kept?.props.labelHidden === labelHidden ? kept : undefined;
    };
    return (
      // The room's name names the group of its bars (the name itself is drawn in the sticky column).
      // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls, and its box does not lay out as a row
      <div
        className="timeline-row"
        role="group"
        aria-label={room.title}
        data-room-id={room.id}
        style={{ top, height: ROOM_ROW_HEIGHT, width }}
      >
        <div
          className="timeline-track"
          onPointerDown={(event) => {
            if (event.target !== event.currentTarget) return;
            onTrackPointerDown(event, rowIndex, event.clientX - event.currentTarget.getBoundingClientRect().left);
          }}
        >
          {bars.map(
            (bar, index) =>
              keptBar(bar, index < labelsHidden) ??
              keep(
                keptBars,
                bar,
                <TimelineBar
                  key={bar.item.id}
                  bar={bar}
                  labelHidden={index < labelsHidden}
                  rowIndex={rowIndex}
                  trackHeight={ROOM_ROW_HEIGHT}
                  roomTitle={room.title}
                  time={time}
                  selected={selectedId === bar.item.id}
                  dragging={draggingId === bar.item.id}
                  problem={bar.item.problem ? problemText(bar.item.id) : ''}
                  people={presence?.get(bar.item.id)}
                  onPointerDown={onBarPointerDown}
                  onKeyDown={onBarKeyDown}
                />,
              ),
          )}
        </div>
      </div>
    );
  },
  samePropsOf<Props>()([
    'room',
    'rowIndex',
    'top',
    'width',
    'bars',
    'labelsHidden',
    'time',
    'selectedId',
    'draggingId',
    'problemText',
    'presence',
    'onBarPointerDown',
    'onBarKeyDown',
    'onTrackPointerDown',
  ]),
);
