import { defineProject } from 'vitest/config';

// End-to-end tests: headless Chromium (Debian's /usr/bin/chromium) against a real collector on embedded storage.
export default defineProject({
  test: {
    name: 'ui-e2e',
    root: import.meta.dirname,
    environment: 'node',
    include: ['src/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
