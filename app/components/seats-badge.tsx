import { Badge } from './ui/badge';

/** How full a workshop session is: the seats left, or full with its waitlist open. */
export function SeatsBadge({ seatsLeft, waitlistLength }: { seatsLeft?: number; waitlistLength?: number }) {
  if (seatsLeft === undefined) return null;
  if (seatsLeft > 0)
    return (
      <Badge tone="success">
        {seatsLeft} {seatsLeft === 1 ? 'seat' : 'seats'} left
      </Badge>
    );
  return (
    <Badge tone="warning">{waitlistLength ? `Full — ${waitlistLength} on the waitlist` : 'Full — waitlist open'}</Badge>
  );
}
