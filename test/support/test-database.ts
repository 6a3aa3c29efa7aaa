import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withCredentials } from '#database/database-roles.js';
import { ensureDatabase } from '#database/embedded-postgres.server.js';
import { TEST_API_PASSWORD, TEST_API_ROLE } from './test-roles.js';

export interface TestDatabase {
  /** The API role's connection, as the app runs by default. */
  url: string;
  /** The migration role's connection (the server's admin here): owns the schema. */
  migrationUrl: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file on the run's PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `rewind_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const migrationUrl = await ensureDatabase(adminUrl, name);
  return {
    url: withCredentials(migrationUrl, TEST_API_ROLE, TEST_API_PASSWORD),
    migrationUrl,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
