import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: root apps/web, built into apps/web/dist and served by the API at '/'. Vite 8
// transforms JSX itself (oxc); the aliases mirror apps/web/tsconfig.json. In development the
// API runs on :3000 and Vite proxies the API and webhook routes to it.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.INTEGRATOR_API_URL ?? 'http://localhost:3000';

export default defineConfig(({ command }) => ({
  root: here('.'),
  // A build started from a test run inherits NODE_ENV=test, which would give React's
  // development bundle (StrictMode's double renders, checks): builds are always production.
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  base: '/',
  resolve: {
    alias: [
      { find: /^@integrator\/sdk$/, replacement: here('../../libs/sdk/src/index.ts') },
      { find: /^@integrator\/engine\/(.*)$/, replacement: `${here('../../libs/engine/src')}/$1` },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // No source maps in the production build: they would publish the sources (and the server
    // refuses *.map anyway). `npm run dev:web` has them.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // React Flow marks its bundle "use client" (for React Server Components); meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/hooks': { target: api, changeOrigin: true },
    },
  },
}));
