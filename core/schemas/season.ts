import { z } from 'zod';
import { line } from '../validation';

const day = z.iso.date('must be a date YYYY-MM-DD');

export const seasonCreateSchema = z
  .object({ name: line().trim().min(1, 'is required').max(200), startsOn: day, endsOn: day })
  .strict()
  .refine((s) => s.endsOn >= s.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] });

export type SeasonCreateInput = z.infer<typeof seasonCreateSchema>;
