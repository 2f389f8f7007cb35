import { z } from 'zod';
import { implausibleInstantMessage, isPlausibleInstant, spanTooLong } from '../span-limits';
import { line } from '../validation';

const day = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine((value) => isPlausibleInstant(new Date(`${value}T00:00:00Z`)), implausibleInstantMessage);

/** A season is planned on one board, which loads its whole span at once: it is as long as a query window may be. */
export const seasonCreateSchema = z
  .object({ name: line().trim().min(1, 'is required').max(200), startsOn: day, endsOn: day })
  .strict()
  .refine((s) => s.endsOn >= s.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] })
  .superRefine((s, context) => {
    const tooLong = spanTooLong(
      new Date(`${s.startsOn}T00:00:00Z`),
      new Date(`${s.endsOn}T00:00:00Z`),
      'queryDays',
      'startsOn',
    );
    if (tooLong) context.addIssue({ code: 'custom', message: tooLong, path: ['endsOn'] });
  });

export type SeasonCreateInput = z.infer<typeof seasonCreateSchema>;

/** The body of `POST …/draft/suggestions`: repairs for one session or block, or a plan for all of them. */
export const draftSuggestionRequestSchema = z
  .object({
    sessionId: line().trim().min(1, 'is required').max(80).optional().describe('A session or block id of the draft'),
    all: z.literal(true, 'must be true: a plan for every problem of the draft').optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.sessionId === undefined && body.all === undefined)
      context.addIssue({ code: 'custom', message: 'give sessionId, or all: true', path: ['sessionId'] });
    if (body.sessionId !== undefined && body.all !== undefined)
      context.addIssue({ code: 'custom', message: 'give either sessionId or all, not both', path: ['all'] });
  });

export type DraftSuggestionRequest = z.infer<typeof draftSuggestionRequestSchema>;
