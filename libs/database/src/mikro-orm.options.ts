import type { MigrationObject } from '@mikro-orm/core';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '#migrations/migrations-list.js';

/** Bounds on the API's connections: a stalled server or a runaway statement fails fast (→ 503) instead of piling up requests. */
export interface PoolLimits {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { connectTimeoutMs: 5_000, statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 30_000 };

/**
 * MikroORM owns the connection pool and the schema migrations. The engine talks to PostgreSQL
 * through explicit SQL on that pool, so no entities are registered. `limits` null leaves
 * statements unbounded (migrations and maintenance such as a rebuild).
 */
export function mikroOrmOptions(url: string, poolSize = 10, limits: PoolLimits | null = DEFAULT_POOL_LIMITS, extraMigrations: MigrationObject[] = []) {
  return defineConfig({
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    pool: { min: 0, max: poolSize },
    driverOptions: {
      connectionTimeoutMillis: DEFAULT_POOL_LIMITS.connectTimeoutMs,
      ...(limits && {
        connectionTimeoutMillis: limits.connectTimeoutMs,
        statement_timeout: limits.statementTimeoutMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      }),
    },
    migrations: {
      migrationsList: [...migrationsList, ...extraMigrations],
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
  });
}
