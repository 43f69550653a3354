import { defineConfig } from 'vitest/config';

// Two tiers run by vitest; the third (browser journeys) lives in e2e/ and drives Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // A guard against hangs, not a speed check: property runs and the first password check
          // (which builds the dictionaries) take seconds on a loaded 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          environment: 'node',
          // Generous: these guard against hangs, not speed; CLI tests spawn processes on a 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
