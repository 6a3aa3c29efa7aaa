import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{apps,libs,test}/**/*.spec.ts'],
    // Browser tests run with `npm run test:ui` (vitest.ui.config.ts).
    exclude: ['**/node_modules/**', 'test/ui/**'],
    // One PostgreSQL per run (embedded unless DATABASE_URL is set); one database per test file.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
