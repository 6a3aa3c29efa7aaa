import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PruneRevisionsCommand, type PruneResult } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { IdempotencyStore } from '../http/idempotency/idempotency-store.js';

/** One retention run: prune revisions past the window, and forget expired idempotency keys. */
@Injectable()
export class RetentionRunner {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotencyKeys: IdempotencyStore,
  ) {}

  async run(): Promise<PruneResult> {
    const result = await this.commands.execute(new PruneRevisionsCommand());
    if (!result.skipped) await this.idempotencyKeys.pruneExpired();
    return result;
  }
}
