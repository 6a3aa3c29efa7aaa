import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { AppConfig } from '#config/app-config.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';

/** `npm run prune`: one retention run now, with the configured policy. */
export async function pruneRevisions(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    RewindCoreModule.forConfig(config),
    { logger: ['error', 'warn'] },
  );
  try {
    const { prunedEvents, prunedChanges, compactedStreams, purgedEntities, durationMs, skipped } = await app.get(CommandBus).execute(new PruneRevisionsCommand());
    process.stdout.write(`${JSON.stringify({ prunedEvents, prunedChanges, compactedStreams, purgedEntities, durationMs, ...(skipped && { skipped }) })}\n`);
  } finally {
    await app.close();
  }
}
