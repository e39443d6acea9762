import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Component and unit tests of the web app, in jsdom.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'ui',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['src/e2e/**', '**/node_modules/**'],
  },
});
