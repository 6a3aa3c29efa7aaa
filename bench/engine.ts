import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { Actor, CommandContext } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import type { EntityView } from '#revisions/projections/entity-head.js';

export const BENCH_ORG = 'bench-org';
export const BENCH_USER = 'bench-editor';
export const actor: Actor = { id: BENCH_USER, org: BENCH_ORG, roles: ['editor'] };
const context: CommandContext = { actor };

/** The engine without HTTP (RewindCoreModule: PostgreSQL, engine, three kinds) on the bench database. */
export interface BenchEngine {
  app: INestApplicationContext;
  commands: CommandBus;
  queries: QueryBus;
  db: Database;
  create(kind: 'dashboard' | 'chart' | 'dataset', body: object): Promise<EntityView>;
  /** A partial save (PATCH semantics) through the command bus. */
  save(kind: string, id: string, input: object): Promise<EntityView>;
  close(): Promise<void>;
}

export async function startBenchEngine(url: string, dataDir: string, poolSize: number): Promise<BenchEngine> {
  const app = await NestFactory.createApplicationContext(RewindCoreModule.forRoot({ url, dataDir, poolSize }), { logger: ['fatal', 'error'] });
  const commands = app.get(CommandBus);
  return {
    app,
    commands,
    queries: app.get(QueryBus),
    db: app.get(Database),
    create: (kind, body) => commands.execute(new CreateEntityCommand(kind, body, context)),
    save: async (kind, id, input) => {
      const result = await commands.execute(new SaveEntityCommand(kind, id, input, 'partial', context));
      if (!result.changed) throw new Error(`save of ${kind} ${id} changed nothing`);
      return result.entity;
    },
    close: () => app.close(),
  };
}
