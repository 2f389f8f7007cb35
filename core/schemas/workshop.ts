import { z } from 'zod';
import { line, requiredOr, text } from '../validation';
import { wallClockInstant, wallClockSpan } from './wall-clock';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "ceramics, Kids , ceramics" → ["ceramics", "kids"]: trimmed, lowercase, no repeats. */
export function parseTags(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The staff form for a workshop (create and edit), validated in the browser and in the action. */
export const workshopFormSchema = z.object({
  title: line({ error: 'is required' }).trim().min(1, 'is required').max(200),
  slug: z
    .string()
    .trim()
    .max(60, 'must be at most 60 characters')
    .regex(SLUG, 'must be lowercase letters, digits and single hyphens')
    .optional(),
  description: text().max(20_000, 'must be at most 20,000 characters').optional(),
  capacity: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000),
  tags: line()
    .max(500)
    .optional()
    .refine((text) => parseTags(text).every((tag) => tag.length <= 40), {
      message: 'each tag must be at most 40 characters',
    }),
  isPublic: z.boolean().default(false),
  registrationMode: z
    .enum(['per_session', 'series'], { error: 'must be per_session or series' })
    .default('per_session'),
  published: z.boolean().default(false),
});
export type WorkshopForm = z.infer<typeof workshopFormSchema>;

export interface WorkshopInput {
  title: string;
  slug: string;
  description: string;
  capacity: number;
  tags: string[];
  isPublic: boolean;
  registrationMode: 'per_session' | 'series';
  published: boolean;
}

export function workshopInputFromForm(form: WorkshopForm): WorkshopInput {
  return {
    title: form.title,
    slug: form.slug || slugFromTitle(form.title) || 'workshop',
    description: form.description ?? '',
    capacity: form.capacity,
    tags: parseTags(form.tags),
    isPublic: form.isPublic,
    registrationMode: form.registrationMode,
    published: form.published,
  };
}

/**
 * A session as staff type it: wall-clock times in the organization's time zone (datetime-local inputs),
 * read as instants, and the reason when it falls outside the room's opening hours.
 */
export function sessionFormSchema(timeZone: string) {
  return z
    .object({
      resourceId: z.uuid(requiredOr('choose a resource')),
      startsAt: wallClockInstant(timeZone),
      endsAt: wallClockInstant(timeZone),
      capacity: z.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').max(10_000).optional(),
      availabilityOverrideReason: text().trim().min(3, 'say why (at least 3 characters)').max(500).optional(),
    })
    .superRefine(...wallClockSpan('sessionDays'));
}
export type SessionForm = z.infer<ReturnType<typeof sessionFormSchema>>;

/** Calling a session off from the staff's list of sessions: registrants are told the reason. */
export const sessionCancelSchema = z.object({
  sessionId: z.uuid(requiredOr('choose a session')),
  reason: text().trim().max(500, 'must be at most 500 characters').optional(),
});

export const registrationInputSchema = z
  .object({
    name: line({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    email: z.email(requiredOr('must be an email address')).max(320),
  })
  .strict();
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

/** The workshop page's registration form: who registers, and the session chosen (the first one, for a series). */
export const registrationFormSchema = registrationInputSchema.extend({
  sessionId: z.uuid('choose a session'),
});
export type RegistrationForm = z.infer<typeof registrationFormSchema>;

export const cancelRegistrationSchema = z.object({ token: line().min(1).max(200).optional() }).strict();

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The public catalog's filters, from a query string. Dates are days in the organization's zone. */
export const workshopFilterSchema = z.object({
  from: z.string().regex(DATE, 'must be a date (YYYY-MM-DD)').optional().catch(undefined),
  to: z.string().regex(DATE, 'must be a date (YYYY-MM-DD)').optional().catch(undefined),
  tag: line().trim().toLowerCase().max(40).optional().catch(undefined),
  q: line().trim().max(100).optional().catch(undefined),
  seats: z.enum(['1']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type WorkshopFilter = z.infer<typeof workshopFilterSchema>;

export const sessionMessageSchema = z.object({
  subject: line({ error: 'is required' })
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(150, 'must be at most 150 characters'),
  body: text({ error: 'is required' }).trim().min(1, 'is required').max(5_000, 'must be at most 5,000 characters'),
});
export type SessionMessageInput = z.infer<typeof sessionMessageSchema>;

export const waitlistMoveSchema = z.object({
  registrationId: z.uuid(),
  position: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
  reason: text({ error: 'is required' })
    .trim()
    .min(3, 'say why (at least 3 characters)')
    .max(500, 'must be at most 500 characters'),
});

/** Staff cancelling someone's registration from the roster; the person is emailed, with the reason. */
export const rosterCancelSchema = z.object({
  registrationId: z.uuid(requiredOr('choose a person')),
  reason: text().trim().max(500, 'must be at most 500 characters').optional(),
});

export const attendanceSchema = z.object({
  registrationId: z.uuid(),
  status: z.enum(['attended', 'no_show', 'registered']),
});
