import { Form } from '@remix-run/react';
import { Time } from './time-format';

export interface CalendarFeedState {
  /** The live feed, if any: when it was made and last read by a calendar app. */
  live: { createdAt: string; lastUsedAt: string | null; replacesInvites?: boolean } | null;
  /** The address of a feed just issued: shown this once, since only the token's hash is kept. */
  issued: { https: string; webcal: string } | null;
  error?: string | null;
}

/** Subscribe / reset link / turn off, the same on a person's dashboard and on a resource's page. */
export function CalendarFeedPanel({
  state,
  subject,
  busy,
}: {
  state: CalendarFeedState;
  subject: string;
  busy: boolean;
}) {
  const { live, issued, error } = state;
  return (
    <section aria-labelledby="calendar-feed-heading" className="card">
      <h2 id="calendar-feed-heading">Subscribe to {subject}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {issued ? (
        <div className="notice" role="status">
          <p>
            <strong>Your private calendar address.</strong> Copy it now: for your safety it is shown only once.
          </p>
          <p>
            <a href={issued.webcal}>Open in my calendar app</a> (Apple Calendar, Outlook)
          </p>
          <div className="field">
            <label htmlFor="feed-https">Address to paste into Google Calendar (Other calendars → From URL)</label>
            <input id="feed-https" readOnly value={issued.https} onFocus={(e) => e.currentTarget.select()} />
          </div>
          <div className="field">
            <label htmlFor="feed-webcal">Subscription address (webcal)</label>
            <input id="feed-webcal" readOnly value={issued.webcal} onFocus={(e) => e.currentTarget.select()} />
          </div>
          <p className="muted">Anyone with this address can see these events. If it leaks, reset the link.</p>
        </div>
      ) : null}
      {live ? (
        <p className="muted">
          A calendar link is on since <Time at={live.createdAt} />
          {live.lastUsedAt ? (
            <>
              ; last read by a calendar app <Time at={live.lastUsedAt} />
            </>
          ) : (
            '; no calendar app has read it yet'
          )}
          .{issued ? null : ' The address was shown when it was made; reset the link to get a new one.'}
        </p>
      ) : (
        <p className="muted">
          No calendar link is on. Turn it on to follow these events in Google, Apple or Outlook calendar; they update by
          themselves.
        </p>
      )}
      <div className="row">
        <Form method="post">
          <input type="hidden" name="intent" value="feed-issue" />
          <button type="submit" disabled={busy}>
            {live ? 'Reset link' : 'Turn on calendar link'}
          </button>
        </Form>
        {live ? (
          <Form method="post">
            <input type="hidden" name="intent" value="feed-off" />
            <button type="submit" className="secondary" disabled={busy}>
              Turn off
            </button>
          </Form>
        ) : null}
      </div>
      {live ? <p className="muted">Resetting stops the old address at once and makes a new one.</p> : null}
      {live && live.replacesInvites !== undefined ? (
        <InvitesChoice replacesInvites={live.replacesInvites} busy={busy} />
      ) : null}
    </section>
  );
}

/** One calendar per person: with the feed subscribed, the emailed invites would show every event twice. */
function InvitesChoice({ replacesInvites, busy }: { replacesInvites: boolean; busy: boolean }) {
  return (
    <Form method="post" className="row">
      <input type="hidden" name="intent" value={replacesInvites ? 'feed-invites-on' : 'feed-invites-off'} />
      <p className="muted" id="feed-invites-state">
        {replacesInvites
          ? 'Emails about your bookings and workshops come without calendar invites: this subscription keeps your calendar. Invites you already have are still updated or cancelled by email.'
          : 'Emails about your bookings and workshops also carry calendar invites. If you subscribe with this link, stop them so no event appears twice.'}
      </p>
      <button type="submit" className="secondary" disabled={busy} aria-describedby="feed-invites-state">
        {replacesInvites ? 'Send calendar invites again' : 'Stop emailed invites: I use this subscription'}
      </button>
    </Form>
  );
}
