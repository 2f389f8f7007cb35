import { Time } from '../time-format';

export interface InboundConflict {
  id: string;
  provider: string;
  eventType: string;
  detail: string | null;
  createdAt: string | Date;
  inTheWay: { title: string; startsAt: string }[];
}

const PROVIDER_NAMES: Record<string, string> = { calcom: 'Cal.com', calendly: 'Calendly' };

/** Bookings that came in from a booking service but could not be placed, and what was in the way. */
export function InboundConflicts({ conflicts }: { conflicts: InboundConflict[] }) {
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-base font-semibold">Inbound bookings that could not be placed</h3>
      {conflicts.length === 0 ? (
        <p className="text-sm text-muted">None.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
          {conflicts.map((conflict) => (
            <li key={conflict.id} className="flex flex-col gap-1 px-4 py-3 text-sm">
              <p className="flex flex-wrap gap-x-2">
                <span className="font-medium">
                  {PROVIDER_NAMES[conflict.provider] ?? conflict.provider} · {conflict.eventType}
                </span>
                <span className="text-muted">
                  <Time at={conflict.createdAt} />
                </span>
              </p>
              {conflict.detail ? <p className="break-words">{conflict.detail}</p> : null}
              {conflict.inTheWay.length ? (
                <p className="text-muted">
                  In the way:{' '}
                  {conflict.inTheWay.map((booking, index) => (
                    <span key={`${booking.title}-${booking.startsAt}`}>
                      {index ? ', ' : ''}
                      {booking.title} (<Time at={booking.startsAt} />)
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
