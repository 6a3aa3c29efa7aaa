import { CommandBus, QueryBus } from '@nestjs/cqrs';
import pg from 'pg';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Database } from '#database/database.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { Actor, Role } from '#revisions/actor.js';
import { Clock } from '#revisions/clock.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { StreamReader } from '#revisions/event-store/stream-reader.js';
import type { RebuildProjectionsCommand, RebuildResult } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import type { RevisionEngineOptions } from '#revisions/revision-options.js';
import { SERVED_KINDS } from './test-app.js';
import { TestClock } from './test-clock.js';
import { createTestDatabase } from './test-database.js';

export interface TestEngine {
  app: INestApplicationContext;
  commands: CommandBus;
  queries: QueryBus;
  db: Database;
  /** SQL as the migration role (the schema's owner), for tests of what only it may do. */
  migrationDb: Database;
  store: RevisionStore;
  heads: HeadRows;
  reader: StreamReader;
  /** The API role's connection string. */
  databaseUrl: string;
  /** The migration role's connection string (owns the schema). */
  migrationUrl: string;
  definitions: DefinitionRegistry;
  clock: TestClock;
  /** An actor as a verified token would give it. */
  actor(id: string, org: string, ...roles: Role[]): Actor;
  close(): Promise<void>;
}

/**
 * The revision engine without HTTP: CQRS buses, the store and the real entity definitions, on a
 * fresh database of the run's PostgreSQL, with a hand-driven clock. It runs as the API's role, or
 * as the migration role (`as`) for maintenance such as a rebuild.
 */
export async function startTestEngine(
  options: Partial<RevisionEngineOptions> = {},
  shared?: { databaseUrl: string; migrationUrl: string },
  as: 'api' | 'migration' = 'api',
): Promise<TestEngine> {
  // A second engine on the same database plays another replica; only the first one drops it.
  const database = shared ? { url: shared.databaseUrl, migrationUrl: shared.migrationUrl, drop: async () => undefined } : await createTestDatabase();
  const clock = new TestClock();
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [RewindCoreModule.forRoot({ url: database.url, migrationUrl: database.migrationUrl, dataDir: '.data', as, migrations: SERVED_KINDS.migrations }, options, SERVED_KINDS.definitions)],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    const app = moduleRef; // a TestingModule is a Nest application context without HTTP
    app.useLogger(['fatal']);
    await app.init();
    const migrationPool = new pg.Pool({ connectionString: database.migrationUrl, max: 2 });
    return {
      app,
      commands: app.get(CommandBus),
      queries: app.get(QueryBus),
      db: app.get(Database),
      migrationDb: new Database(migrationPool),
      store: app.get(RevisionStore),
      heads: app.get(HeadRows),
      reader: app.get(StreamReader),
      databaseUrl: database.url,
      migrationUrl: database.migrationUrl,
      definitions: app.get(DefinitionRegistry),
      clock,
      actor: (id, org, ...roles) => ({ id, org, roles }),
      close: async () => {
        await app.close();
        await migrationPool.end();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}

/** A rebuild replaces the projections' tables, so it runs as the migration role, as `npm run rebuild` does. */
export async function rebuildAsMigrationRole(on: { databaseUrl: string; migrationUrl: string }, command: RebuildProjectionsCommand): Promise<RebuildResult> {
  const maintenance = await startTestEngine({}, on, 'migration');
  try {
    return await maintenance.commands.execute(command);
  } finally {
    await maintenance.close();
  }
}
