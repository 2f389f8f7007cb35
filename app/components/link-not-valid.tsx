import { Link2Off } from 'lucide-react';
import { Button } from './ui/button';

/** Every kind of secret link a person may be sent (docs/design.md §8). */
export type SecretLink = 'sign-in' | 'password-reset' | 'invitation' | 'registration' | 'offer' | 'calendar-feed';

/**
 * What a secret link that is unknown, spent or expired answers (404, app/secret-links.server.ts):
 * only its kind, and how long such links last, never why this one failed, so a guess learns no more
 * than the person it was sent to.
 */
export interface LinkNotValidAnswer {
  linkNotValid: SecretLink;
  /** "15 minutes", "7 days": how long a link of this kind works, for the account links. */
  lifetime?: string;
}

export function isLinkNotValid(data: unknown): data is LinkNotValidAnswer {
  return typeof data === 'object' && data !== null && typeof (data as LinkNotValidAnswer).linkNotValid === 'string';
}

interface Organization {
  slug: string;
  name: string;
}

const TITLES: Record<SecretLink, string> = {
  'sign-in': 'This sign-in link is not valid',
  'password-reset': 'This password reset link is not valid',
  invitation: 'This invitation link is not valid',
  registration: 'This registration link is not valid',
  offer: 'This offer link is not valid',
  'calendar-feed': 'This calendar link is not valid',
};

export function linkNotValidTitle(link: SecretLink): string {
  return TITLES[link];
}

interface Next {
  label: string;
  href: string;
}

/** Why such a link may fail and what to do instead, in the words of its kind. */
function guidance(
  answer: LinkNotValidAnswer,
  org: Organization | undefined,
): { why: string; nextStep?: string; primary?: Next; secondary?: Next } {
  const lasts = answer.lifetime ? `, for ${answer.lifetime}` : '';
  const orgName = org?.name ?? 'the organization';
  const workshops = org ? { label: 'See the workshops', href: `/${org.slug}/workshops` } : undefined;
  switch (answer.linkNotValid) {
    case 'sign-in':
      return {
        why: `A sign-in link works once${lasts}. This one has expired, has been used, or was not copied whole.`,
        primary: { label: 'Ask for a new sign-in link', href: '/login' },
      };
    case 'password-reset':
      return {
        why: `A password reset link works once${lasts}. This one has expired, has been used, or was not copied whole.`,
        primary: { label: 'Ask for a new reset link', href: '/reset-password' },
        secondary: { label: 'Sign in', href: '/login' },
      };
    case 'invitation':
      return {
        why: `An invitation works once${lasts}. This one has expired, has been accepted, or was not copied whole.`,
        nextStep: 'Ask the person who invited you to send a new one.',
        secondary: { label: 'Go to sign in', href: '/login' },
      };
    case 'registration':
      return {
        why: 'The link in your confirmation email opens your registration. This address does not lead to one; it may not have been copied whole.',
        nextStep: `If the link from the email does not open either, contact ${orgName}.`,
        secondary: workshops,
      };
    case 'offer':
      return {
        why: 'A waitlist offer holds a seat for a limited time and is answered once. This one has lapsed, has been answered, or the address was not copied whole.',
        nextStep: `Contact ${orgName} if you think this is wrong.`,
        secondary: workshops,
      };
    case 'calendar-feed':
      return {
        why: 'This calendar address was reset or turned off, or was not copied whole.',
        nextStep: 'Copy the current address from your calendar page and subscribe to it again.',
        primary: org ? { label: 'Go to my calendar page', href: `/${org.slug}/dashboard/calendar` } : undefined,
        secondary: workshops,
      };
  }
}

/**
 * The page of a secret link that does not work: what it was, that it is not valid (whatever the
 * reason), and the way on. Inside an organization's frame (`org`) it sits under its header; the
 * account links stand alone under the Infra24 name, as the sign-in pages do. Plain links, so the
 * server can render it without the router (the calendar feed opened in a browser).
 */
export function LinkNotValid({ answer, org }: { answer: LinkNotValidAnswer; org?: Organization }) {
  const { why, nextStep, primary, secondary } = guidance(answer, org);
  const standalone = !org;
  return (
    <main
      id={standalone ? 'main' : undefined}
      data-slot="link-not-valid"
      className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16"
    >
      {standalone ? (
        <a href="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </a>
      ) : null}
      <div className="flex flex-col items-start gap-3">
        <span className="flex size-10 items-center justify-center rounded-full bg-subtle text-muted">
          <Link2Off className="size-5" aria-hidden />
        </span>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{linkNotValidTitle(answer.linkNotValid)}</h1>
        <p className="text-muted">{why}</p>
        {nextStep ? <p>{nextStep}</p> : null}
      </div>
      {primary || secondary ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          {primary ? (
            <Button asChild>
              <a href={primary.href}>{primary.label}</a>
            </Button>
          ) : null}
          {secondary ? (
            <Button asChild variant="secondary">
              <a href={secondary.href}>{secondary.label}</a>
            </Button>
          ) : null}
        </div>
      ) : null}
    </main>
  );
}
