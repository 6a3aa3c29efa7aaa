import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '#migrations/migrations-list.js';

/**
 * MikroORM owns the connection pool and the schema migrations. The engine talks to PostgreSQL
 * through explicit SQL on that pool, so no entities are registered.
 */
export function mikroOrmOptions(url: string, poolSize = 10) {
  return defineConfig({
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    pool: { min: 0, max: poolSize },
    migrations: {
      migrationsList,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
  });
}
