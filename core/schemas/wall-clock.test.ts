import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../validation';
import { sessionFormSchema } from './workshop';

const ROOM = '00000000-0000-4000-8000-000000000001';
const session = sessionFormSchema('America/New_York');
const errors = (input: object) => {
  const parsed = session.safeParse({ resourceId: ROOM, ...input });
  return parsed.success ? {} : fieldErrors(parsed.error);
};

describe('wall-clock times in a form', () => {
  it('reads them in the organization zone', () => {
    const parsed = session.parse({ resourceId: ROOM, startsAt: '2030-05-07T18:00', endsAt: '2030-05-07T20:00' });
    expect([parsed.startsAt.toISOString(), parsed.endsAt.toISOString()]).toEqual([
      '2030-05-07T22:00:00.000Z',
      '2030-05-08T00:00:00.000Z',
    ]);
  });

  it('refuses an hour the clocks skip, beside its field, rather than moving it', () => {
    expect(errors({ startsAt: '2030-03-10T02:30', endsAt: '2030-03-10T04:00' })).toEqual({
      startsAt: ['does not exist in America/New_York (the clocks skip it)'],
    });
  });

  it('wants the end after the start, and no longer than a session may be', () => {
    expect(errors({ startsAt: '2030-05-07T18:00', endsAt: '2030-05-07T17:00' })).toEqual({
      endsAt: ['must be after the start'],
    });
    expect(errors({ startsAt: '2030-05-07T18:00', endsAt: '2030-06-07T18:00' })).toEqual({
      endsAt: ['must be at most 14 days after the start'],
    });
    // Every mistake at once: a wrong room does not hide a backwards end.
    expect(errors({ resourceId: 'kiln', startsAt: '2030-05-07T18:00', endsAt: '2030-05-07T17:00' })).toEqual({
      resourceId: ['choose a resource'],
      endsAt: ['must be after the start'],
    });
    expect(errors({ startsAt: 'soon', endsAt: '0001-01-01T00:00' })).toEqual({
      startsAt: ['must be a date and time'],
      endsAt: ['must be a date between the years 1900 and 2999'],
    });
  });
});
