import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'packages/ui/**'],
        },
      },
      // The web app: component tests in jsdom, end-to-end tests in Chromium.
      'packages/ui/vitest.config.ts',
      'packages/ui/vitest.e2e.config.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['scripts/vitest-global-setup.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
