import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the Remix plugin stays out of the test run.
export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'db/**/*.test.ts',
      'app/**/*.test.ts',
      'collab-server/**/*.test.ts',
      'workers/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser and multi-process tests wait for what another page or process does; on a loaded
    // machine that takes longer than the 1 s expect.poll gives by default.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
