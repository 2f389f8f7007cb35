import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('zod-in-browser', () => {
  it("finds zod's settings where it sets jitless before zod loads: globalThis.__zod_globalConfig", () => {
    const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
    expect(z.config()).toBe(scope.__zod_globalConfig);
  });
});
