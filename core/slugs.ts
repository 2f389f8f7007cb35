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
