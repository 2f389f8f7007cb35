import { z } from 'zod';
import { line, text } from '../validation';
import { WEEKDAYS, openingHoursSchema, type AvailabilityRules, type OpeningHours, type Weekday } from '../availability';
import { timeZoneSchema } from '../time-zone';
import { resourceTypeSchema } from './resource';

/**
 * The resource form as people fill it in: opening hours per weekday typed as "09:00-12:00, 13:00-17:00"
 * (empty = closed), dated exceptions, blackout date ranges. It converts to the API's resource input.
 */
const HOURS_TEXT = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/;

function parseHoursText(text: string | undefined): OpeningHours[] | string {
  if (!text?.trim()) return [];
  const hours: OpeningHours[] = [];
  for (const part of text.split(',')) {
    const match = HOURS_TEXT.exec(part);
    if (!match) return `"${part.trim()}" is not a time range like 09:00-17:00`;
    const [start, end] = [match[1], match[2]].map((t) => t.padStart(5, '0'));
    hours.push({ start, end });
  }
  return hours;
}

export function formatHours(hours: OpeningHours[] | undefined): string {
  return (hours ?? []).map((h) => `${h.start}-${h.end}`).join(', ');
}

const hoursText = line()
  .optional()
  .superRefine((text, ctx) => {
    const parsed = parseHoursText(text);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    else {
      const checked = z.array(openingHoursSchema).safeParse(parsed);
      if (!checked.success)
        ctx.addIssue({ code: 'custom', message: 'each range must end after it starts, between 00:00 and 24:00' });
    }
  });

const date = z.string({ error: 'is required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date');

export const resourceFormSchema = z
  .object({
    title: line({ error: 'is required' }).trim().min(1, 'is required').max(200),
    type: resourceTypeSchema,
    capacity: z.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').max(100_000),
    timeZone: timeZoneSchema,
    requiresApproval: z.boolean().default(false),
    isBookable: z.boolean().default(false),
    location: line().max(300).optional(),
    notes: text().max(2_000).optional(),
    alwaysOpen: z.boolean().default(false),
    weekly: z
      .object(Object.fromEntries(WEEKDAYS.map((day) => [day, hoursText])) as Record<Weekday, typeof hoursText>)
      .optional(),
    exceptions: z.array(z.object({ date, hours: hoursText, note: line().max(200).optional() })).default([]),
    blackouts: z
      .array(
        z
          .object({ from: date, to: date, reason: line().max(200).optional() })
          .refine((b) => b.to >= b.from, { message: 'must not be before the start', path: ['to'] }),
      )
      .default([]),
    // Studio visits (people only): empty visit length means free-form booking times.
    visitMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be whole minutes')
      .min(5, 'must be at least 5 minutes')
      .max(1440, 'must be at most 1440 minutes (a day)')
      .optional(),
    bufferMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be whole minutes')
      .min(0, 'must not be negative')
      .max(1440, 'must be at most 1440 minutes')
      .default(0),
    minNoticeHours: z
      .number({ error: 'must be a number of hours' })
      .min(0, 'must not be negative')
      .max(8760, 'must be at most a year (8760 hours)')
      .default(0),
    allowPublicRequests: z.boolean().default(false),
  })
  .superRefine((form, ctx) => {
    if (form.visitMinutes !== undefined && form.type !== 'person') {
      ctx.addIssue({
        code: 'custom',
        path: ['visitMinutes'],
        message: 'only people (studio visits) take visits; leave it empty',
      });
    }
    if (form.allowPublicRequests && form.visitMinutes === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowPublicRequests'],
        message: 'needs a visit length: only studio visits can be requested by the public',
      });
    }
  });

export type ResourceForm = z.infer<typeof resourceFormSchema>;

export function rulesFromForm(form: ResourceForm): AvailabilityRules {
  const rules: AvailabilityRules = {};
  if (!form.alwaysOpen) {
    rules.weekly = Object.fromEntries(
      WEEKDAYS.map((day) => [day, parseHoursText(form.weekly?.[day]) as OpeningHours[]]),
    );
  }
  if (form.exceptions.length) {
    rules.exceptions = form.exceptions.map((e) => ({
      date: e.date,
      hours: parseHoursText(e.hours) as OpeningHours[],
      ...(e.note ? { note: e.note } : {}),
    }));
  }
  if (form.blackouts.length)
    rules.blackouts = form.blackouts.map((b) => ({
      from: b.from,
      to: b.to,
      ...(b.reason ? { reason: b.reason } : {}),
    }));
  return rules;
}

export function resourceInputFromForm(form: ResourceForm) {
  const metadata: Record<string, unknown> = {};
  if (form.location) metadata.location = form.location;
  if (form.notes) metadata.notes = form.notes;
  return {
    title: form.title,
    type: form.type,
    capacity: form.capacity,
    timeZone: form.timeZone,
    requiresApproval: form.requiresApproval,
    isBookable: form.isBookable,
    availabilityRules: rulesFromForm(form),
    metadata,
    visitMinutes: form.visitMinutes ?? null,
    bufferMinutes: form.bufferMinutes,
    minNoticeMinutes: Math.round(form.minNoticeHours * 60),
    allowPublicRequests: form.allowPublicRequests,
  };
}

export function formDefaultsFromResource(resource: {
  title: string;
  type: string;
  capacity: number;
  timeZone: string;
  requiresApproval: boolean;
  isBookable: boolean;
  availabilityRules: AvailabilityRules;
  metadata: Record<string, unknown>;
  visitMinutes: number | null;
  bufferMinutes: number;
  minNoticeMinutes: number;
  allowPublicRequests: boolean;
}) {
  const rules = resource.availabilityRules;
  return {
    title: resource.title,
    type: resource.type,
    capacity: String(resource.capacity),
    timeZone: resource.timeZone,
    requiresApproval: resource.requiresApproval ? 'on' : '',
    isBookable: resource.isBookable ? 'on' : '',
    location: typeof resource.metadata.location === 'string' ? resource.metadata.location : '',
    notes: typeof resource.metadata.notes === 'string' ? resource.metadata.notes : '',
    alwaysOpen: rules.weekly ? '' : 'on',
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, formatHours(rules.weekly?.[day])])),
    exceptions: (rules.exceptions ?? []).map((e) => ({
      date: e.date,
      hours: formatHours(e.hours),
      note: e.note ?? '',
    })),
    blackouts: (rules.blackouts ?? []).map((b) => ({ from: b.from, to: b.to, reason: b.reason ?? '' })),
    visitMinutes: resource.visitMinutes === null ? '' : String(resource.visitMinutes),
    bufferMinutes: String(resource.bufferMinutes),
    minNoticeHours: String(resource.minNoticeMinutes / 60),
    allowPublicRequests: resource.allowPublicRequests ? 'on' : '',
  };
}

/** The form's fields that only a person (studio visits) has; a room or equipment never shows them. */
export const STUDIO_VISIT_FIELDS = ['visitMinutes', 'bufferMinutes', 'minNoticeHours', 'allowPublicRequests'] as const;

/**
 * The form as posted, without the fields of another type than the one chosen: a form sent before its
 * JavaScript switched the fields (or by hand) may carry studio-visit fields for a room, and they are
 * ignored rather than refused or stored.
 */
export function withoutOtherTypesFields(formData: FormData): FormData {
  if (formData.get('type') === 'person') return formData;
  const kept = new FormData();
  for (const [name, value] of formData) {
    if (!(STUDIO_VISIT_FIELDS as readonly string[]).includes(name)) kept.append(name, value);
  }
  return kept;
}
