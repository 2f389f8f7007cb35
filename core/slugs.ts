import { z } from 'zod';

/** Top-level path words that an organization slug must never shadow (docs/design.md §2). */
export const RESERVED_SLUGS = new Set([
  'api',
  'login',
  'logout',
  'signup',
  'assets',
  'collab',
  'socket.io',
  'healthz',
  'readyz',
  'admin',
  'build',
  'public',
  'static',
  'favicon.ico',
  'robots.txt',
  'reset-password',
  'magic-link',
  'invitations',
  'account',
  'orgs',
  'new',
  'settings',
  'dashboard',
]);

export const slugSchema = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(48, 'must be at most 48 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')
  .refine((slug) => !RESERVED_SLUGS.has(slug), { message: 'is a reserved word' });

/**
 * The address a new item gets: `base` itself when free, else the first of `base-2`, `base-3`, … that
 * is, cut so the whole stays within `maxLength`. Addresses already given are never changed (links
 * must not break), so only a new item ever gets a suffix.
 */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>, maxLength = 60): string {
  const plain = base.slice(0, maxLength).replace(/-+$/, '') || 'workshop';
  if (!taken.has(plain)) return plain;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${plain.slice(0, maxLength - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
