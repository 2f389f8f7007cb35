import { useEffect, useState } from 'react';

export interface HoveredItem {
  id: string;
  rect: DOMRect;
}

/**
 * The hover (or focus) card of an item on the board: why it is red or yellow, in words, and who else
 * has it. Items are found by delegation: a calendar event carries data-item-id on its content, a
 * timeline bar on itself.
 */
export function useHoveredItem() {
  const [hovered, setHovered] = useState<HoveredItem | null>(null);
  const find = (target: EventTarget | null): HoveredItem | null => {
    if (!(target instanceof Element)) return null;
    const holder = target.closest('.rbc-event, .timeline-bar[data-item-id]');
    const id =
      holder?.getAttribute('data-item-id') ?? holder?.querySelector('[data-item-id]')?.getAttribute('data-item-id');
    return holder && id ? { id, rect: holder.getBoundingClientRect() } : null;
  };
  const show = (event: React.SyntheticEvent) => {
    const found = find(event.target);
    if (found?.id !== hovered?.id) setHovered(found);
  };
  return {
    hovered,
    handlers: {
      onMouseOver: show,
      onFocus: show,
      onMouseLeave: () => setHovered(null),
      onBlur: () => setHovered(null),
    },
  };
}

export function ItemTooltip({ hovered, lines }: { hovered: HoveredItem | null; lines: string[] }) {
  const [visible, setVisible] = useState(false);
  // A short delay, so sweeping the mouse across the board does not flash cards.
  useEffect(() => {
    setVisible(false);
    if (!hovered) return;
    const timer = setTimeout(() => setVisible(true), 120);
    return () => clearTimeout(timer);
  }, [hovered]);
  if (!hovered || !visible || lines.length === 0) return null;
  const below = hovered.rect.top < 120;
  const style: React.CSSProperties = {
    left: Math.max(8, Math.min(hovered.rect.left, window.innerWidth - 328)),
    top: below ? hovered.rect.bottom + 6 : undefined,
    bottom: below ? undefined : window.innerHeight - hovered.rect.top + 6,
  };
  return (
    <div className="item-tooltip" role="tooltip" id="board-item-tooltip" style={style}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
