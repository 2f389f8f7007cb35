import { memo } from 'react';
import { groupName, type TimelineRoom, type TimelineRow } from './rows';

export interface LabelledRow {
  key: string | number;
  row: TimelineRow;
  /** From the top of the first row. */
  top: number;
  height: number;
}

interface Props {
  rows: LabelledRow[];
  height: number;
  onToggleGroup: (type: string) => void;
}

/**
 * The room names and group headings of the rows drawn, in one column that sticks to the left edge.
 * One sticky element for all of them, not one per row: each sticky row name was a layer of its own
 * for the compositor, and every row that scrolled in added two layers and rasterized them whole.
 */
export function RoomLabels({ rows, height, onToggleGroup }: Props) {
  return (
    <div className="timeline-labels" style={{ height }}>
      {rows.map(({ key, row, top, height: rowHeight }) =>
        row.kind === 'group' ? (
          <GroupHeading
            key={key}
            type={row.type}
            rooms={row.rooms}
            collapsed={row.collapsed}
            top={top}
            height={rowHeight}
            onToggle={onToggleGroup}
          />
        ) : (
          <RoomLabel key={key} room={row.room} top={top} height={rowHeight} />
        ),
      )}
    </div>
  );
}

const seats = (capacity: number) => `${capacity} ${capacity === 1 ? 'seat' : 'seats'}`;

const RoomLabel = memo(function RoomLabel({ room, top, height }: { room: TimelineRoom; top: number; height: number }) {
  return (
    <div
      className="timeline-row-label"
      data-room-id={room.id}
      title={room.capacity ? `${room.title} · ${seats(room.capacity)}` : room.title}
      style={{ top, height }}
    >
      <span className="timeline-room-name">{room.title}</span>
      {room.capacity ? <span className="timeline-room-seats">{seats(room.capacity)}</span> : null}
    </div>
  );
});

const GroupHeading = memo(function GroupHeading(props: {
  type: string;
  rooms: number;
  collapsed: boolean;
  top: number;
  height: number;
  onToggle: (type: string) => void;
}) {
  const { type, rooms, collapsed, top, height, onToggle } = props;
  return (
    <div className="timeline-group-label" style={{ top, height }}>
      <button type="button" className="timeline-group-toggle" aria-expanded={!collapsed} onClick={() => onToggle(type)}>
        <span className="timeline-chevron" aria-hidden="true" />
        {groupName(type)} <span className="timeline-count">{rooms}</span>
      </button>
    </div>
  );
});
