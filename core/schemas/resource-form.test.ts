import { describe, expect, it } from 'vitest';
import {
  formDefaultsFromResource,
  resourceFormSchema,
  resourceInputFromForm,
  withoutOtherTypesFields,
} from './resource-form';

const base = {
  title: 'Print Shop',
  type: 'space',
  capacity: 8,
  timeZone: 'America/New_York',
  isBookable: true,
  requiresApproval: false,
  alwaysOpen: false,
  exceptions: [],
  blackouts: [],
};

describe('the resource form', () => {
  it('turns typed opening hours into availability rules and back', () => {
    const form = resourceFormSchema.parse({
      ...base,
      weekly: { mon: '9:00-12:00, 13:00–17:00', tue: '' },
      exceptions: [{ date: '2026-12-24', hours: '09:00-13:00' }],
      blackouts: [{ from: '2026-12-25', to: '2026-12-26', reason: 'Holiday' }],
    });
    const input = resourceInputFromForm(form);
    expect(input.availabilityRules.weekly?.mon).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(input.availabilityRules.weekly?.tue).toEqual([]);
    expect(input.availabilityRules.exceptions).toEqual([
      { date: '2026-12-24', hours: [{ start: '09:00', end: '13:00' }] },
    ]);
    const defaults = formDefaultsFromResource({ ...input, metadata: {} });
    expect(defaults.weekly.mon).toBe('09:00-12:00, 13:00-17:00');
    expect(defaults.blackouts).toEqual([{ from: '2026-12-25', to: '2026-12-26', reason: 'Holiday' }]);
  });

  it('names the weekday whose hours cannot be read', () => {
    const result = resourceFormSchema.safeParse({ ...base, weekly: { wed: 'nine to five', thu: '17:00-09:00' } });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(byPath['weekly.wed']).toBe('"nine to five" is not a time range like 09:00-17:00');
    expect(byPath['weekly.thu']).toContain('must end after it starts');
  });

  it('leaves out weekly hours when the resource is open around the clock', () => {
    const input = resourceInputFromForm(
      resourceFormSchema.parse({ ...base, alwaysOpen: true, weekly: { mon: '09:00-17:00' } }),
    );
    expect(input.availabilityRules).toEqual({});
  });

  it('carries studio-visit settings, notice typed in hours', () => {
    const form = resourceFormSchema.parse({
      ...base,
      type: 'person',
      visitMinutes: 45,
      bufferMinutes: 15,
      minNoticeHours: 24,
      allowPublicRequests: true,
    });
    const input = resourceInputFromForm(form);
    expect(input).toMatchObject({
      visitMinutes: 45,
      bufferMinutes: 15,
      minNoticeMinutes: 1440,
      allowPublicRequests: true,
    });
    expect(formDefaultsFromResource(input)).toMatchObject({
      visitMinutes: '45',
      bufferMinutes: '15',
      minNoticeHours: '24',
      allowPublicRequests: 'on',
    });
    expect(resourceInputFromForm(resourceFormSchema.parse(base))).toMatchObject({
      visitMinutes: null,
      bufferMinutes: 0,
      minNoticeMinutes: 0,
      allowPublicRequests: false,
    });
  });

  it('names the visit field that is wrong', () => {
    const issues = (input: Record<string, unknown>) => {
      const result = resourceFormSchema.safeParse({ ...base, ...input });
      return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
    };
    expect(issues({ type: 'person', visitMinutes: 3, bufferMinutes: -5, minNoticeHours: -1 })).toEqual({
      visitMinutes: 'must be at least 5 minutes',
      bufferMinutes: 'must not be negative',
      minNoticeHours: 'must not be negative',
    });
    expect(issues({ type: 'equipment', visitMinutes: 30 })).toEqual({
      visitMinutes: 'only people (studio visits) take visits; leave it empty',
    });
    expect(issues({ type: 'person', allowPublicRequests: true })).toEqual({
      allowPublicRequests: 'needs a visit length: only studio visits can be requested by the public',
    });
  });
});

describe('the fields of the chosen type', () => {
  const posted = (entries: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(entries)) form.append(name, value);
    return form;
  };

  it('drops studio-visit fields from a room, keeps them on a person', () => {
    const room = withoutOtherTypesFields(
      posted({ type: 'space', title: 'Room', visitMinutes: '30', allowPublicRequests: 'on' }),
    );
    expect([...room.keys()]).toEqual(['type', 'title']);
    const person = withoutOtherTypesFields(posted({ type: 'person', title: 'Ana', visitMinutes: '30' }));
    expect([...person.keys()]).toEqual(['type', 'title', 'visitMinutes']);
  });
});
