import { describe, expect, it } from 'vitest';
import { seasonSpan } from './season-span';

describe('seasonSpan', () => {
  it("runs from the first day's midnight to the midnight after the last, in the organization's zone", () => {
    const span = seasonSpan({ startsOn: '2030-01-07', endsOn: '2030-01-13' }, 'America/New_York');
    expect(span.from.toISOString()).toBe('2030-01-07T05:00:00.000Z');
    expect(span.to.toISOString()).toBe('2030-01-14T05:00:00.000Z');
  });

  it('keeps whole local days across the change of the clocks (23 h on the spring day)', () => {
    const span = seasonSpan({ startsOn: '2030-03-10', endsOn: '2030-03-10' }, 'America/New_York');
    expect(span.from.toISOString()).toBe('2030-03-10T05:00:00.000Z');
    expect(span.to.toISOString()).toBe('2030-03-11T04:00:00.000Z');
  });
});
