import { describe, expect, it } from 'vitest';
import { registrationEmail } from './messages';
import type { RegistrationPayload } from './payloads';

const session = {
  id: '6f1f7f43-5a0e-4c39-9a52-0d6a4a7b9d10',
  startsAt: '2030-02-07T23:00:00.000Z',
  endsAt: '2030-02-08T01:00:00.000Z',
  sequence: 0,
  title: 'Weaving',
  resourceTitle: 'Studio',
  timeZone: 'America/New_York',
};
const person = { id: 'b0c5a3c2-58a4-4e55-9a57-5d1b6f7b8e21', email: 'ann@example.org', name: 'Ann' };

const email = (topic: string, registration: Partial<RegistrationPayload['registration']>) =>
  registrationEmail(
    topic,
    {
      registration: { ...person, status: 'waitlisted', ...registration },
      session,
    } as RegistrationPayload,
    { timeZone: 'America/New_York' },
  );

describe('the time in registration emails', () => {
  it('is written in the venue zone with its name, in the organization locale and clock', () => {
    const payload = { registration: { ...person, status: 'confirmed' }, session } as RegistrationPayload;
    const us = registrationEmail('registration.confirmed', payload, { timeZone: 'America/New_York' });
    expect(us.content.details).toContainEqual(['When', 'Thursday, February 7, 2030, 6:00 – 8:00 PM EST']);
    // An organization working in London that writes en-GB: the session stays in New York time.
    const gb = registrationEmail('registration.confirmed', payload, { timeZone: 'Europe/London', locale: 'en-GB' });
    expect(gb.content.details).toContainEqual(['When', 'Thursday, 7 February 2030, 18:00–20:00 GMT-5']);
  });
});

describe('registration emails of a series booked as a whole', () => {
  it('say the waitlist and the offer are for every session, with one link for the whole series', () => {
    const waiting = email('registration.waitlisted', {
      position: 2,
      seriesGroupId: 'group-1',
      manageUrl: 'http://x/o/registrations/t',
    });
    expect(waiting.content.paragraphs.join(' ')).toMatch(/booked as a whole series.*every session/);
    expect(waiting.content.details).toContainEqual(['Position on the waitlist', '2']);
    const offer = email('registration.offered', {
      status: 'offered',
      seriesGroupId: 'group-1',
      offerExpiresAt: '2030-01-16T12:00:00.000Z',
      manageUrl: 'http://x/o/offers/t',
    });
    expect(offer.content.paragraphs.join(' ')).toMatch(/every session of Weaving: one click accepts the whole series/);
    expect(offer.content.action).toEqual({ label: 'Accept the place', url: 'http://x/o/offers/t' });
  });

  it('speak of the one session otherwise', () => {
    const waiting = email('registration.waitlisted', { position: 1 });
    expect(waiting.content.paragraphs.join(' ')).toMatch(/Weaving is full\./);
    expect(waiting.content.paragraphs.join(' ')).not.toMatch(/series/);
  });
});
