import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { publishFeed } from '../../core/calendar-feed';
import { buildInvite } from '../../core/calendar-invite';
import { toCsv } from '../../core/workshops/csv';

const INJECTING_NAME = 'Bo";ROLE=CHAIR;X-P="1';
/** Names are reduced, not escaped, so every parser reads them alike (ADR 030): quotes become apostrophes, semicolons commas. */
const REDUCED_NAME = "Bo',ROLE=CHAIR,X-P='1";

function firstEvent(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
}

describe('names and titles in calendar invites and feeds', () => {
  const invite = () =>
    buildInvite({
      uid: 'booking-1@infra24',
      sequence: 0,
      method: 'REQUEST',
      title: 'Open\rstudio',
      startsAt: new Date('2030-01-07T15:00:00Z'),
      endsAt: new Date('2030-01-07T16:00:00Z'),
      organizer: { name: 'Print ^ "Shop"', email: 'staff@example.org' },
      attendee: { name: INJECTING_NAME, email: 'bo@example.org' },
      generatedAt: new Date('2030-01-01T12:00:00Z'),
    }).content;

  it("a guest's quote cannot add parameters to the attendee", () => {
    const attendee = firstEvent(invite()).getFirstProperty('attendee')!;
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee.getParameter('cn')).toBe(REDUCED_NAME);
    expect(attendee.getParameter('x-p')).toBeUndefined();
  });

  it('the organizer keeps its name, carets included and quotes reduced', () => {
    expect(firstEvent(invite()).getFirstProperty('organizer')!.getParameter('cn')).toBe("Print ^ 'Shop'");
  });

  it('a lone CR in a title never reaches SUMMARY raw', () => {
    const content = invite();
    expect(content).not.toMatch(/\r(?!\n)/);
    expect(firstEvent(content).getFirstPropertyValue('summary')).toBe('Open studio');
  });

  it('a feed encodes the organizer name and the title the same way', () => {
    const feed = publishFeed(
      [
        {
          uid: 'session-1@infra24',
          sequence: 0,
          title: 'Clay\r night',
          startsAt: new Date('2030-01-07T23:00:00Z'),
          endsAt: new Date('2030-01-08T01:00:00Z'),
          status: 'CONFIRMED',
          organizer: { name: INJECTING_NAME, email: 'staff@example.org' },
          updatedAt: new Date('2030-01-01T12:00:00Z'),
        },
      ],
      'Workshops',
    );
    expect(feed).not.toMatch(/\r(?!\n)/);
    const organizer = firstEvent(feed).getFirstProperty('organizer')!;
    expect([organizer.getParameter('cn'), organizer.getParameter('role')]).toEqual([REDUCED_NAME, undefined]);
  });
});

describe('CSV export against formula injection', () => {
  it.each([
    ['=1+1'],
    ['+1'],
    ['-1'],
    ['@SUM(A1)'],
    ['\tx'],
    ['\rx'],
    ['＝HYPERLINK("http://example.org")'],
    ['＋1'],
    ['－1'],
    ['＠SUM(A1)'],
    ['  =1+1'],
  ])('%j is prefixed with a quote', (value) => {
    const [, row] = toCsv(['name'], [[value]]).split('\r\n');
    expect(row.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('leaves ordinary text alone', () => {
    expect(toCsv(['name'], [['Ana Lima'], ['ana@example.org']])).toBe('name\r\nAna Lima\r\nana@example.org\r\n');
  });
});
