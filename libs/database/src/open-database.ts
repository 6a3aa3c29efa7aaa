import type { MigrationObject } from '@mikro-orm/core';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { Database } from './database.js';
import { API_ROLE, ensureLoginRole, grantApiRole, roleOf, withCredentials, type DatabaseRoles } from './database-roles.js';
import { ensureDatabase, readOrCreateSecret, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.server.js';
import { DEFAULT_POOL_LIMITS, mikroOrmOptions, type PoolLimits } from './mikro-orm.options.js';

export interface DatabaseOptions {
  /** The API's connection. Unset → an embedded PostgreSQL under `dataDir/postgres`, with both roles set up. */
  url?: string;
  /** The migration role (owns the schema); unset → `url` does both. */
  migrationUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** Apply pending migrations (and the API role's grants) before returning. */
  migrate?: boolean;
  /** Whose connection the returned pool uses: the API's (default) or the migration role's (maintenance: rebuild). */
  as?: 'api' | 'migration';
  /** Migrations beyond the app's own, applied after them: the projections of test-only kinds. */
  migrations?: MigrationObject[];
  /** Connect and statement timeouts of the API's pool. */
  limits?: Partial<PoolLimits>;
  log?: (message: string) => void;
}

export interface OpenDatabase {
  readonly orm: MikroORM;
  readonly database: Database;
  readonly pool: pg.Pool;
  /** Migrations applied while opening. */
  readonly applied: string[];
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  let embedded: RunningPostgres | undefined;
  try {
    let roles: DatabaseRoles;
    if (options.url) {
      roles = { apiUrl: options.url, migrationUrl: options.migrationUrl ?? options.url };
    } else {
      embedded = await startEmbeddedPostgres({ directory: join(options.dataDir, 'postgres'), persistent: true });
      roles = await embeddedRoles(embedded, options.dataDir);
      options.log?.(`embedded PostgreSQL started at ${new URL(roles.apiUrl).host}`);
    }
    const applied = options.migrate ?? true ? await migrate(roles, 'up', options.migrations) : [];
    const maintenance = options.as === 'migration';
    const orm = await MikroORM.init(mikroOrmOptions(maintenance ? roles.migrationUrl : roles.apiUrl, options.poolSize, maintenance ? null : { ...DEFAULT_POOL_LIMITS, ...options.limits }));
    const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
    return {
      orm,
      pool,
      applied,
      database: new Database(pool),
      close: async () => {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** Migrates as the migration role, then grants the API's role what it needs (when it is another role). */
export async function migrate({ apiUrl, migrationUrl }: DatabaseRoles, direction: 'up' | 'down' = 'up', extraMigrations: MigrationObject[] = []): Promise<string[]> {
  const orm = await MikroORM.init(mikroOrmOptions(migrationUrl, 1, null, extraMigrations));
  try {
    const applied = direction === 'up' ? await orm.migrator.up() : await orm.migrator.down();
    if (direction === 'up' && apiUrl !== migrationUrl) await grantApiRole(migrationUrl, await roleOf(apiUrl));
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

/** The embedded cluster's superuser migrates; the API logs in as its own role, made here. */
async function embeddedRoles(embedded: RunningPostgres, dataDir: string): Promise<DatabaseRoles> {
  const migrationUrl = await ensureDatabase(embedded.adminUrl, 'rewind');
  const password = await readOrCreateSecret(join(dataDir, `postgres.${API_ROLE}.password`));
  await ensureLoginRole(embedded.adminUrl, API_ROLE, password);
  return { migrationUrl, apiUrl: withCredentials(migrationUrl, API_ROLE, password) };
}
