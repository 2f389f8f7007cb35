import { z } from 'zod';
import { line, textProblem } from '../validation';

/** Topics other systems may subscribe to (account emails and reminders stay inside). */
export const WEBHOOK_TOPICS = [
  'booking.requested',
  'booking.approved',
  'booking.declined',
  'booking.confirmed',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.updated',
  'registration.confirmed',
  'registration.waitlisted',
  'registration.offered',
  'registration.promoted',
  'registration.cancelled',
  'session.rescheduled',
  'session.cancelled',
] as const;

export const webhookEndpointCreateSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .refine((url) => !textProblem(url), 'must be an http(s) URL without control characters'),
    /** None: every topic. */
    topics: z
      .array(z.enum(WEBHOOK_TOPICS, { error: `must be one of ${WEBHOOK_TOPICS.join(', ')}` }))
      .max(WEBHOOK_TOPICS.length)
      .default([]),
    /** None: one is generated and shown once. */
    secret: line().min(16, 'must be at least 16 characters').max(200).optional(),
  })
  .strict();

export type WebhookEndpointCreateInput = z.infer<typeof webhookEndpointCreateSchema>;

export const listLimitQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

/** The signing secret of a booking service whose webhooks come in (Cal.com, Calendly). */
export const integrationSecretSchema = z.object({
  provider: z.enum(['calcom', 'calendly']),
  secret: z
    .string()
    .trim()
    .min(8, 'must be at least 8 characters')
    .max(500)
    .refine((s) => s !== 'no-secret-provided', 'is not a secret'),
});
