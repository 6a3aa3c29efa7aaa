import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureLoginRole } from '#database/database-roles.js';
import { startEmbeddedPostgres, type RunningPostgres } from '#database/embedded-postgres.server.js';
import { TEST_API_PASSWORD, TEST_API_ROLE } from './test-roles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

let embedded: RunningPostgres | undefined;

/**
 * Starts one PostgreSQL for the whole run, or uses DATABASE_URL's server when it is set (its role
 * must be able to create databases and roles), and makes the API's login role there.
 */
export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ directory: join('.data', `test-postgres-${process.pid}`), persistent: false });
    adminUrl = embedded.adminUrl;
  }
  await ensureLoginRole(adminUrl, TEST_API_ROLE, TEST_API_PASSWORD);
  project.provide('adminDatabaseUrl', adminUrl);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
}
