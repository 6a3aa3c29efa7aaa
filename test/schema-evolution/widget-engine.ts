import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { Database } from '#database/database.js';
import { DatabaseModule } from '#database/database.module.js';
import type { Actor } from '#revisions/actor.js';
import { Clock } from '#revisions/clock.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { RevisionEngineOptions } from '#revisions/revision-options.js';
import { RevisionsModule } from '#revisions/revisions.module.js';
import { TestClock } from '#test/support/test-clock.js';

export interface WidgetEngine {
  commands: CommandBus;
  queries: QueryBus;
  db: Database;
  clock: TestClock;
  actor: Actor;
  close(): Promise<void>;
}

/**
 * The engine serving only the test-only widget kind at one of its schema versions, on a database
 * shared by the versions: a test writes history under v1, closes that engine ("the old build"),
 * migrates, and reads it with an engine on v3 ("the new build").
 */
export async function startWidgetEngine(url: string, definition: EntityDefinition, clock: TestClock, options: Partial<RevisionEngineOptions> = {}): Promise<WidgetEngine> {
  const app = await Test.createTestingModule({
    imports: [CqrsModule.forRoot(), DatabaseModule.forRoot({ url, dataDir: '.data' }), RevisionsModule.forRoot([definition], options)],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  app.useLogger(['fatal']);
  await app.init();
  return {
    commands: app.get(CommandBus),
    queries: app.get(QueryBus),
    db: app.get(Database),
    clock,
    actor: { id: 'editor-1', org: 'org-widgets', roles: ['admin'] },
    close: () => app.close(),
  };
}
