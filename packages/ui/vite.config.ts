import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The collector serves dist/ at its root; `pnpm --filter @sightline/ui dev` proxies the API to a local collector.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: { '/api': process.env.SIGHTLINE_URL ?? 'http://127.0.0.1:4318' },
  },
});
