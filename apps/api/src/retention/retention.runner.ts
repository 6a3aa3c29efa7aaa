import { Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PruneRevisionsCommand, type PruneResult } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { IdempotencyStore } from '../http/idempotency/idempotency-store.js';
import { RewindMetrics } from '../metrics/rewind-metrics.js';

/**
 * One retention run: prune revisions past the window, and forget expired idempotency keys. The cron
 * and the CLI prune every org; an org admin's run through the API prunes that org only.
 */
@Injectable()
export class RetentionRunner {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotencyKeys: IdempotencyStore,
    /** Absent when METRICS_ENABLED=false. */
    @Optional() private readonly metrics?: RewindMetrics,
  ) {}

  async run(org: string | null = null): Promise<PruneResult> {
    const result = await this.commands.execute(new PruneRevisionsCommand(undefined, undefined, org));
    if (!result.skipped) await this.idempotencyKeys.pruneExpired(org);
    this.metrics?.prunedEvents.inc(result.prunedEvents);
    this.metrics?.purges.inc({ kind: 'any', reason: 'trash_expired' }, result.purgedEntities);
    this.metrics?.retentionDuration.observe({ outcome: result.skipped ? 'skipped' : 'pruned' }, result.durationMs / 1000);
    return result;
  }
}
