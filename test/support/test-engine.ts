import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Database } from '#database/database.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { Actor, Role } from '#revisions/actor.js';
import { Clock } from '#revisions/clock.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import type { RevisionEngineOptions } from '#revisions/revision-options.js';
import { TestClock } from './test-clock.js';
import { createTestDatabase } from './test-database.js';

export interface TestEngine {
  app: INestApplicationContext;
  commands: CommandBus;
  queries: QueryBus;
  db: Database;
  store: RevisionStore;
  databaseUrl: string;
  definitions: DefinitionRegistry;
  clock: TestClock;
  /** An actor as a verified token would give it. */
  actor(id: string, org: string, ...roles: Role[]): Actor;
  close(): Promise<void>;
}

/**
 * The revision engine without HTTP: CQRS buses, the store and the real entity definitions, on a
 * fresh database of the run's PostgreSQL, with a hand-driven clock.
 */
export async function startTestEngine(options: Partial<RevisionEngineOptions> = {}, shared?: { url: string }): Promise<TestEngine> {
  // A second engine on the same database plays another replica; only the first one drops it.
  const database = shared ? { url: shared.url, drop: async () => undefined } : await createTestDatabase();
  const clock = new TestClock();
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [RewindCoreModule.forRoot({ url: database.url, dataDir: '.data' }, options)],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    const app = moduleRef; // a TestingModule is a Nest application context without HTTP
    app.useLogger(['fatal']);
    await app.init();
    return {
      app,
      commands: app.get(CommandBus),
      queries: app.get(QueryBus),
      db: app.get(Database),
      store: app.get(RevisionStore),
      databaseUrl: database.url,
      definitions: app.get(DefinitionRegistry),
      clock,
      actor: (id, org, ...roles) => ({ id, org, roles }),
      close: async () => {
        await app.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}
