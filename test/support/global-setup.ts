import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type RunningPostgres } from '#database/embedded-postgres.server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

let embedded: RunningPostgres | undefined;

/** Starts one PostgreSQL for the whole run, or uses DATABASE_URL's server when it is set. */
export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ directory: join('.data', `test-postgres-${process.pid}`), persistent: false });
    adminUrl = embedded.adminUrl;
  }
  project.provide('adminDatabaseUrl', adminUrl);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
}
