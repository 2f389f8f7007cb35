import { describe, expect, it } from 'vitest';
import {
  parseWithIcalJs,
  parseWithNodeIcal,
  parseWithPython,
  physicalLineProblems,
  pythonIcalendarAvailable,
} from '../support/ical-parsers';
import { downloadIcs, publishFeed, type FeedEvent } from '../../core/calendar-feed';
import { buildInvite } from '../../core/calendar-invite';

/** Names people really type, and some hostile ones. */
const NAMES = [
  'Ana "Nena" Ruíz',
  'Ruíz, Ana; Studio 3',
  'Zoë Ñandú 🎨🖌️',
  'Line\r\nBreak',
  'Lone\rCarriage',
  'Tab\tand\u0007bell',
  "O'Brien ^'caret^n^^",
  'back\\slash: colon',
  `Long ${'é'.repeat(40)} ${'🎨'.repeat(10)}`,
];
const ORGANIZATIONS = ['Oolite Arts', 'Oolite Arts, Inc.', 'The "Print" Shop; Miami'];
const python = pythonIcalendarAvailable();

function invites() {
  return NAMES.flatMap((name, i) =>
    (['REQUEST', 'CANCEL'] as const).map(
      (method) =>
        buildInvite({
          uid: `session-${i}@infra24`,
          sequence: i + 1,
          method,
          title: `${name} — Línea A, taller; ${'ñ'.repeat(i * 5)}`,
          description: `First paragraph, with a comma.\n\nSecond; after a blank line.\r\nThird\rFourth ${name}`,
          location: 'Print Shop, 2nd floor',
          startsAt: new Date('2026-03-08T06:30:00Z'),
          endsAt: new Date('2026-03-08T08:30:00Z'),
          organizer: { name: ORGANIZATIONS[i % ORGANIZATIONS.length], email: 'no-reply@oolite.example' },
          attendee: { name, email: `person${i}@example.org` },
          generatedAt: new Date('2026-03-01T12:00:00Z'),
        }).content,
    ),
  );
}

const feedEvents: FeedEvent[] = NAMES.map((name, i) => ({
  uid: `booking-${i}@infra24`,
  sequence: i,
  updatedAt: new Date('2026-02-01T10:00:00Z'),
  title: name,
  description: `Booked by ${name}\n\nBring your own paper.`,
  startsAt: new Date('2026-11-01T05:30:00Z'),
  endsAt: new Date('2026-11-01T07:00:00Z'),
  status: i % 2 ? 'TENTATIVE' : 'CONFIRMED',
  organizer: { name: ORGANIZATIONS[i % ORGANIZATIONS.length], email: 'no-reply@oolite.example' },
}));

describe('every calendar file we write parses the same with ical.js, node-ical and Python icalendar', () => {
  const files = [
    ...invites(),
    publishFeed(feedEvents, 'Oolite Arts, Inc. — my calendar'),
    ...feedEvents.map((event) => downloadIcs(event, 'infra24/bookings')),
  ];

  it.each(files.map((file, i) => [i, file]))('file %i: same UID, SEQUENCE, METHOD, ATTENDEE, ORGANIZER', (_i, file) => {
    const byIcalJs = parseWithIcalJs(file);
    expect(byIcalJs.length).toBeGreaterThan(0);
    expect(parseWithNodeIcal(file)).toEqual(byIcalJs);
    if (python) expect(parseWithPython(file)).toEqual(byIcalJs);
    else console.warn('python3-icalendar is not installed: the Python comparison is skipped');
    expect(physicalLineProblems(file)).toEqual([]);
  });

  it('reduces a name to what every parser reads alike; text keeps its paragraphs', () => {
    const [request] = invites();
    const [event] = parseWithIcalJs(request);
    expect(event.attendee).toEqual({ cn: "Ana 'Nena' Ruíz", address: 'mailto:person0@example.org' });
    expect(event.organizer).toEqual({ cn: 'Oolite Arts', address: 'mailto:no-reply@oolite.example' });
    expect(event.description).toBe(
      'First paragraph, with a comma.\n\nSecond; after a blank line.\nThird\nFourth Ana "Nena" Ruíz',
    );
    const named = invites().map((file) => parseWithIcalJs(file)[0]);
    // A title is one line: its line breaks become spaces; a description keeps them.
    expect(named[6].summary).toBe(`Line Break — Línea A, taller; ${'ñ'.repeat(15)}`);
    expect(named[8].summary).toBe(`Lone Carriage — Línea A, taller; ${'ñ'.repeat(20)}`);
    expect(named[2].organizer?.cn).toBe('Oolite Arts, Inc.');
    expect(named[4].organizer?.cn).toBe("The 'Print' Shop, Miami");
    expect(named[2].attendee?.cn).toBe('Ruíz, Ana, Studio 3');
    expect(named[6].attendee?.cn).toBe('Line Break');
    expect(named[8].attendee?.cn).toBe('Lone Carriage');
    expect(named[10].attendee?.cn).toBe('Tab and bell');
    expect(named[12].attendee?.cn).toBe("O'Brien ˆ'caretˆnˆ^");
  });

  it('folds at 75 octets without cutting an accent or an emoji', () => {
    const long = invites().at(-1) ?? '';
    expect(long).toMatch(/\r\n [^\r\n]/); // it did fold
    expect(physicalLineProblems(long)).toEqual([]);
  });
});

describe('feeds', () => {
  it('an empty feed is a valid calendar with one component, the refresh interval and the same name escaping', () => {
    const empty = publishFeed([], 'Oolite Arts, Inc. — my calendar');
    const full = publishFeed(feedEvents.slice(0, 1), 'Oolite Arts, Inc. — my calendar');
    for (const feed of [empty, full]) {
      expect(feed).toContain('X-WR-CALNAME:Oolite Arts\\, Inc. — my calendar\r\n');
      expect(feed).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
      expect(feed).toContain('X-PUBLISHED-TTL:PT1H\r\n');
      expect(physicalLineProblems(feed)).toEqual([]);
    }
    const calendar = parseWithIcalJs(empty);
    expect(calendar).toEqual([]);
    expect(empty).toMatch(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE/);
    expect(parseWithNodeIcal(empty)).toEqual([]);
    if (python) expect(parseWithPython(empty)).toEqual([]);
  });

  it('is the same bytes while nothing changed (DTSTAMP is the last change, not the time of the request)', () => {
    expect(publishFeed(feedEvents, 'Mine')).toBe(publishFeed(feedEvents, 'Mine'));
    expect(publishFeed(feedEvents, 'Mine')).toContain('DTSTAMP:20260201T100000Z');
  });
});
