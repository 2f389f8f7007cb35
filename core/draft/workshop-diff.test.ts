import { describe, expect, it } from 'vitest';
import { diffWorkshops, type WorkshopFields } from './workshop-diff';

const published: WorkshopFields = {
  title: 'Etching',
  capacity: 8,
  tags: ['print', 'adults'],
  isPublic: true,
  descriptionHtml: '<p>Bring gloves.</p>',
};

describe('workshop cards against what is published', () => {
  it('tells new cards and changed fields apart, and leaves equal ones out', () => {
    const diff = diffWorkshops(
      [
        {
          key: 'etch',
          title: 'Etching',
          capacity: 8,
          tags: ['adults', 'print'],
          isPublic: false,
          descriptionHtml: '<p>Bring gloves.</p>',
        },
        { key: 'same', ...published },
        { key: 'zine', title: 'Zine night', capacity: 12, tags: [], isPublic: true },
      ],
      new Map([
        ['etch', published],
        ['same', published],
      ]),
    );
    expect(diff).toEqual({
      added: [{ key: 'zine', title: 'Zine night', fields: [] }],
      // Tags are kept in the order staff typed them, so a reorder is a change.
      changed: [{ key: 'etch', title: 'Etching', fields: ['tags', 'isPublic'] }],
    });
  });

  it('counts a card without a description as an empty one', () => {
    expect(
      diffWorkshops(
        [{ key: 'a', title: 'A', capacity: 1, tags: [], isPublic: true }],
        new Map([['a', { title: 'A', capacity: 1, tags: [], isPublic: true, descriptionHtml: '' }]]),
      ),
    ).toEqual({ added: [], changed: [] });
  });
});
