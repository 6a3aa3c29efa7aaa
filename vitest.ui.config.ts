import { defineConfig } from 'vitest/config';

/**
 * `npm run test:ui`: the history page in Debian's Chromium (playwright-core), against the real API on
 * an embedded PostgreSQL. Kept apart from `npm test`, which needs no browser.
 */
export default defineConfig({
  test: {
    include: ['test/ui/**/*.ui.spec.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/ui/build-page.global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
