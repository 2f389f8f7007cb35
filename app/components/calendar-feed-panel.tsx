import { Form } from '@remix-run/react';
import { CalendarSync } from 'lucide-react';
import { SubmitButton } from './forms/submit-button';
import { Notice } from './notice';
import { Button } from './ui/button';
import { Input } from './ui/input';
import { Label } from './ui/label';
import { Time } from './time-format';

export interface CalendarFeedState {
  /** The live feed, if any: when it was made and last read by a calendar app. */
  live: { createdAt: string; lastUsedAt: string | null; replacesInvites?: boolean } | null;
  /** The address of a feed just issued: shown this once, since only the token's hash is kept. */
  issued: { https: string; webcal: string } | null;
  error?: string | null;
}

/** A read-only address that selects itself, so copying it is one keystroke. */
function AddressField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className="font-mono" />
    </div>
  );
}

/** Subscribe / reset link / turn off, the same on a person's dashboard and on a resource's page. */
export function CalendarFeedPanel({
  state,
  subject,
  busy,
}: {
  state: CalendarFeedState;
  subject: string;
  /** Kept for the pages that pass it; each button shows its own pending state. */
  busy?: boolean;
}) {
  const { live, issued, error } = state;
  return (
    <section
      aria-labelledby="calendar-feed-heading"
      aria-busy={busy || undefined}
      className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      <h2 id="calendar-feed-heading" className="flex items-center gap-2 text-lg font-semibold">
        <CalendarSync className="size-5 text-accent-text" aria-hidden /> Subscribe to {subject}
      </h2>
      {error ? (
        <Notice tone="danger" role="alert">
          {error}
        </Notice>
      ) : null}
      {issued ? (
        <div
          className="flex flex-col gap-3 rounded-md border border-success/30 bg-success-subtle/40 p-3 sm:p-4"
          role="status"
        >
          <p className="text-sm">
            <strong>Your private calendar address.</strong> Copy it now: for your safety it is shown only once.
          </p>
          <Button asChild variant="primary" size="sm" className="self-start">
            <a href={issued.webcal}>Open in my calendar app</a>
          </Button>
          <p className="-mt-1 text-xs text-muted">Apple Calendar, Outlook</p>
          <AddressField
            id="feed-https"
            label="Address to paste into Google Calendar (Other calendars → From URL)"
            value={issued.https}
          />
          <AddressField id="feed-webcal" label="Subscription address (webcal)" value={issued.webcal} />
          <p className="text-sm text-muted">
            Anyone with this address can see these events. If it leaks, reset the link.
          </p>
        </div>
      ) : null}
      {live ? (
        <p className="text-sm text-muted">
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
        <p className="text-sm text-muted">
          No calendar link is on. Turn it on to follow these events in Google, Apple or Outlook calendar; they update by
          themselves.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Form method="post">
          <SubmitButton name="intent" value="feed-issue" pendingText={live ? 'Resetting…' : 'Turning on…'}>
            {live ? 'Reset link' : 'Turn on calendar link'}
          </SubmitButton>
        </Form>
        {live ? (
          <Form method="post">
            <SubmitButton name="intent" value="feed-off" variant="secondary" pendingText="Turning off…">
              Turn off
            </SubmitButton>
          </Form>
        ) : null}
      </div>
      {live ? <p className="text-sm text-muted">Resetting stops the old address at once and makes a new one.</p> : null}
      {live && live.replacesInvites !== undefined ? <InvitesChoice replacesInvites={live.replacesInvites} /> : null}
    </section>
  );
}

/** One calendar per person: with the feed subscribed, the emailed invites would show every event twice. */
function InvitesChoice({ replacesInvites }: { replacesInvites: boolean }) {
  const intent = replacesInvites ? 'feed-invites-on' : 'feed-invites-off';
  return (
    <Form method="post" className="flex flex-col gap-3 border-t border-line pt-4">
      <p className="text-sm text-muted" id="feed-invites-state">
        {replacesInvites
          ? 'Emails about your bookings and workshops come without calendar invites: this subscription keeps your calendar. Invites you already have are still updated or cancelled by email.'
          : 'Emails about your bookings and workshops also carry calendar invites. If you subscribe with this link, stop them so no event appears twice.'}
      </p>
      <SubmitButton
        name="intent"
        value={intent}
        variant="secondary"
        pendingText="Saving…"
        aria-describedby="feed-invites-state"
        className="h-auto min-h-10 self-start py-2 text-left whitespace-normal"
      >
        {replacesInvites ? 'Send calendar invites again' : 'Stop emailed invites: I use this subscription'}
      </SubmitButton>
    </Form>
  );
}
