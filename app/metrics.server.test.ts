import { describe, expect, it } from 'vitest';
import { routeLabel } from './metrics.server';

describe('routeLabel', () => {
  it('keeps reserved words and names organizations, slugs, ids and tokens by their kind', () => {
    expect(routeLabel('/')).toBe('/');
    expect(routeLabel('/healthz')).toBe('/healthz');
    expect(routeLabel('/oolite/workshops')).toBe('/:org/workshops');
    expect(routeLabel('/oolite/workshops/risograph-basics')).toBe('/:org/workshops/:slug');
    expect(routeLabel('/bakehouse/admin/resources/0b9f4c1e-5d7a-4c2b-9a51-2f0e6c9d1a33')).toBe(
      '/:org/admin/resources/:id',
    );
    expect(routeLabel('/api/v1/orgs/locust/bookings/0b9f4c1e-5d7a-4c2b-9a51-2f0e6c9d1a33/approve')).toBe(
      '/api/v1/orgs/:org/bookings/:id/approve',
    );
    expect(routeLabel('/magic-link/Zq3v9Yw1u2T5r8p0o7i6u5y4t3r2e1w0')).toBe('/magic-link/:id');
    expect(routeLabel('/oolite/calendar/feed-abc.ics')).toBe('/:org/calendar/:id');
  });
});
