import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { bundleBudget } from './bundle-budget';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console: built into dist/console and served by the api at `/` (same origin, so no
 * CORS). Pages are split by route; the sign-in page loads only what it needs.
 * `npm run console:dev` proxies the API to a running `npm start`.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [bundleBudget({ route: /pages\/signin\//, budgetKb: 500 })],
  build: {
    // DURE_CONSOLE_DIR (as the api reads it) lets a checkout build elsewhere, e.g. one per test run.
    outDir: process.env.DURE_CONSOLE_DIR ? resolve(process.env.DURE_CONSOLE_DIR) : fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
