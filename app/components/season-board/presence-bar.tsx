import type { Presence } from '../use-season-draft';
import { distinctInitials } from './presence';

interface Props {
  presence: Presence[];
  me: { clientId: number; userId: string; name: string; color: string };
  /** Jumps to what that co-editor is looking at. */
  onFollow(person: Presence): void;
}

/**
 * Everyone on the board, you first: a coloured chip with initials and the name (the name gives way to
 * the initials where the bar is narrow). One chip per person, however many tabs they have open; your
 * own other tabs are you.
 */
export function PresenceBar({ presence, me, onFollow }: Props) {
  const others = [...new Map(presence.filter((p) => p.userId !== me.userId).map((p) => [p.userId, p])).values()];
  const initials = distinctInitials([me.name, ...others.map((p) => p.name)]);
  return (
    <ul className="presence" aria-label="Who is here">
      <li>
        <span className="presence-chip is-me">
          <span className="avatar" style={{ background: me.color }} title={me.name} aria-hidden="true">
            {initials.get(me.name)}
          </span>
          <span className="presence-name">{me.name} (you)</span>
        </span>
      </li>
      {others.map((person) => (
        <li key={person.userId}>
          <button type="button" className="presence-chip" onClick={() => onFollow(person)} data-colour={person.color}>
            <span className="avatar" style={{ background: person.color }} title={person.name} aria-hidden="true">
              {initials.get(person.name)}
            </span>
            <span className="presence-name">{person.name}</span>
            {/* The name stays the visible start of the button's name (WCAG 2.5.3, label in name). */}
            <span className="sr-only">: go to what they are looking at</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
