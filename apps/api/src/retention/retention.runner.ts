import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PruneRevisionsCommand, type PruneResult } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { IdempotencyStore } from '../http/idempotency/idempotency-store.js';

/**
 * One retention run: prune revisions past the window, and forget expired idempotency keys. The cron
 * and the CLI prune every org; an org admin's run through the API prunes that org only.
 */
@Injectable()
export class RetentionRunner {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotencyKeys: IdempotencyStore,
  ) {}

  async run(org: string | null = null): Promise<PruneResult> {
    const result = await this.commands.execute(new PruneRevisionsCommand(undefined, undefined, org));
    if (!result.skipped) await this.idempotencyKeys.pruneExpired(org);
    return result;
  }
}
