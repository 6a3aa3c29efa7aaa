import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** The history page: static files in apps/web/dist, served by the API at `/`. No CDN: everything is bundled. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  // `npm run dev:web`: the page with hot reload, the API on :3000 behind it.
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
