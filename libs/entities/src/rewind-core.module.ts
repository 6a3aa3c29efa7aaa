import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { databaseOptions, type AppConfig } from '#config/app-config.js';
import { DatabaseModule } from '#database/database.module.js';
import type { DatabaseOptions } from '#database/open-database.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { RevisionEngineOptions } from '#revisions/revision-options.js';
import { RevisionsModule } from '#revisions/revisions.module.js';
import { BundlesModule } from '#bundles/bundles.module.js';
import { entityDefinitions } from './entity-definitions.js';
import { supersetMappings } from './superset-mappings.js';

/**
 * Rewind without HTTP: PostgreSQL, the revision engine, the three kinds and their bundles, on the
 * command and query buses. The API, the CLI and other modules (the seeder) all start from it.
 */
@Module({})
export class RewindCoreModule {
  static forRoot(database: DatabaseOptions, engine: Partial<RevisionEngineOptions> = {}, definitions: EntityDefinition[] = entityDefinitions): DynamicModule {
    return {
      module: RewindCoreModule,
      imports: [CqrsModule.forRoot(), DatabaseModule.forRoot(database), RevisionsModule.forRoot(definitions, engine), BundlesModule.forRoot(supersetMappings)],
      exports: [CqrsModule],
    };
  }

  /** The one place configuration becomes database and engine options; every app starts here. */
  static forConfig(config: AppConfig, database: Partial<DatabaseOptions> = {}, definitions: EntityDefinition[] = entityDefinitions): DynamicModule {
    return RewindCoreModule.forRoot({ ...databaseOptions(config), ...database }, engineOptions(config), definitions);
  }
}

export function engineOptions(config: AppConfig): RevisionEngineOptions {
  return {
    snapshotEvery: config.snapshotEvery,
    retention: { days: config.retention.days, maxVersions: config.retention.maxVersions, trashDays: config.retention.trashDays },
    headCacheBytes: config.headCacheMb * 1024 * 1024,
  };
}
