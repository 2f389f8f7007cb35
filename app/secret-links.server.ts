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
 * lists it, and following a link from it does not send its address on.
 */
export const SECRET_LINK_HEADERS = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
} as const;

/** The `headers` export of a secret link's route, for its page and its not-valid answer alike. */
export const secretLinkHeaders: HeadersFunction = () => SECRET_LINK_HEADERS;

const LIFETIMES: Partial<Record<SecretLink, number>> = {
  'sign-in': TOKEN_TTL_MINUTES.magic_link,
  'password-reset': TOKEN_TTL_MINUTES.password_reset,
  invitation: TOKEN_TTL_MINUTES.invitation,
};

export function linkNotValidAnswer(link: SecretLink): LinkNotValidAnswer {
  const minutes = LIFETIMES[link];
  return minutes ? { linkNotValid: link, lifetime: describeMinutes(minutes) } : { linkNotValid: link };
}

/** Thrown by a secret link's loader or action: the error boundary above it shows `LinkNotValid`. */
export function linkNotValid(link: SecretLink): never {
  throw data(linkNotValidAnswer(link), { status: LINK_NOT_VALID_STATUS, headers: SECRET_LINK_HEADERS });
}

/**
 * For `.catch` after spending a link: a refusal of the link itself (unknown, used, lapsed: `codes`)
 * becomes the not-valid answer; anything else goes on.
 */
export function whenLinkRefused(link: SecretLink, codes = ['not_found', 'invalid_state']) {
  return (error: unknown): never => {
    if (isAppError(error) && codes.includes(error.code)) linkNotValid(link);
    throw error;
  };
}
