import { describe, expect, it } from 'vitest';
import { canSelfCancel, offerExpiry } from './policy';

const NOW = new Date('2030-03-01T15:00:00Z');
const hoursLater = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

describe('waitlist offers', () => {
  it('last the configured hours when the session is far away', () => {
    expect(offerExpiry(NOW, hoursLater(24 * 7), 24)).toEqual(hoursLater(24));
    expect(offerExpiry(NOW, hoursLater(24 * 7), 6)).toEqual(hoursLater(6));
  });

  it('shrink to half the time left when the session is near, and never pass its start', () => {
    expect(offerExpiry(NOW, hoursLater(10), 24)).toEqual(hoursLater(5));
    expect(offerExpiry(NOW, hoursLater(0), 24)).toEqual(NOW);
    expect(offerExpiry(NOW, hoursLater(-1), 24).getTime()).toBeLessThanOrEqual(hoursLater(-1).getTime() + 3_600_000);
  });
});

describe('the cancellation cutoff', () => {
  it('allows cancelling until the cutoff, not at it', () => {
    expect(canSelfCancel(NOW, hoursLater(24.01), 24)).toBe(true);
    expect(canSelfCancel(NOW, hoursLater(24), 24)).toBe(false);
    expect(canSelfCancel(NOW, hoursLater(3), 2)).toBe(true);
  });
});
