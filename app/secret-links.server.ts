import { data, type HeadersFunction } from '@remix-run/node';
import { describeMinutes } from '../core/free-slots';
import { isAppError } from '../core/errors';
import { TOKEN_TTL_MINUTES } from '../db/operations/accounts/auth-tokens';
import type { LinkNotValidAnswer, SecretLink } from './components/link-not-valid';

/**
 * One answer for every secret link that is unknown, spent, expired or of another organization
 * (docs/design.md §8): 404, the same page for every reason, so a guess learns nothing the holder of a
 * real link would not.
 */
export const LINK_NOT_VALID_STATUS = 404;

/**
 * A secret link's page is for the person it was sent to: no shared cache keeps it, no search engine
 * lists it, and following a link from it to another site does not send its address on. Not
 * `no-referrer`: under it a browser posts the page's forms with `Origin: null`, which Remix (and our
 * own check) refuse, so the forms would not work without JavaScript.
 */
export const SECRET_LINK_HEADERS = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex',
} as const;

/** The `headers` export of a secret link's route, for its page and its not-valid answer alike. */
export const secretLinkHeaders: HeadersFunction = () => SECRET_LINK_HEADERS;

interface Organization {
  slug: string;
  name: string;
}

const lasting = (minutes: number) => `works once, for ${describeMinutes(minutes)}`;

/** The words of the not-valid page of each kind of link: why such links stop working, and the way on. */
export function linkNotValidAnswer(link: SecretLink, org?: Organization): LinkNotValidAnswer {
  const workshops = org ? [{ label: 'See the workshops', href: `/${org.slug}/workshops` }] : [];
  const contact = org?.name ?? 'the organization';
  const account = { linkNotValid: link, standalone: true };
  const ofOrganization = { linkNotValid: link, standalone: false };
  switch (link) {
    case 'sign-in':
      return {
        ...account,
        title: 'This sign-in link is not valid',
        why: `A sign-in link ${lasting(TOKEN_TTL_MINUTES.magic_link)}. This one has expired, has been used, or was not copied whole.`,
        actions: [{ label: 'Ask for a new sign-in link', href: '/login' }],
        primary: true,
      };
    case 'password-reset':
      return {
        ...account,
        title: 'This password reset link is not valid',
        why: `A password reset link ${lasting(TOKEN_TTL_MINUTES.password_reset)}. This one has expired, has been used, or was not copied whole.`,
        actions: [
          { label: 'Ask for a new reset link', href: '/reset-password' },
          { label: 'Sign in', href: '/login' },
        ],
        primary: true,
      };
    case 'invitation':
      return {
        ...account,
        title: 'This invitation link is not valid',
        why: `An invitation ${lasting(TOKEN_TTL_MINUTES.invitation)}. This one has expired, has been accepted, or was not copied whole.`,
        nextStep: 'Ask the person who invited you to send a new one.',
        actions: [{ label: 'Go to sign in', href: '/login' }],
        primary: false,
      };
    case 'registration':
      return {
        ...ofOrganization,
        title: 'This registration link is not valid',
        why: 'The link in your confirmation email opens your registration. This address does not lead to one; it may not have been copied whole.',
        nextStep: `If the link from the email does not open either, contact ${contact}.`,
        actions: workshops,
        primary: false,
      };
    case 'offer':
      return {
        ...ofOrganization,
        title: 'This offer link is not valid',
        why: 'A waitlist offer holds a seat for a limited time and is answered once. This one has lapsed, has been answered, or the address was not copied whole.',
        nextStep: `Contact ${contact} if you think this is wrong.`,
        actions: workshops,
        primary: false,
      };
    case 'calendar-feed':
      return {
        ...ofOrganization,
        title: 'This calendar link is not valid',
        why: 'This calendar address was reset or turned off, or was not copied whole.',
        nextStep: 'Copy the current address from your calendar page and subscribe to it again.',
        actions: org
          ? [{ label: 'Go to my calendar page', href: `/${org.slug}/dashboard/calendar` }, ...workshops]
          : [],
        primary: true,
      };
  }
}

/** Thrown by a secret link's loader or action: the error boundary above it shows `LinkNotValid`. */
export function linkNotValid(link: SecretLink, org?: Organization): never {
  throw data(linkNotValidAnswer(link, org), { status: LINK_NOT_VALID_STATUS, headers: SECRET_LINK_HEADERS });
}

/**
 * For `.catch` after spending a link: a refusal of the link itself (unknown, used, lapsed: `codes`)
 * becomes the not-valid answer; anything else goes on.
 */
export function whenLinkRefused(link: SecretLink, org?: Organization, codes = ['not_found', 'invalid_state']) {
  return (error: unknown): never => {
    if (isAppError(error) && codes.includes(error.code)) linkNotValid(link, org);
    throw error;
  };
}
