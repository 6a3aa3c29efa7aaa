import { Command } from '@nestjs/cqrs';
import type { RetentionPolicy } from '#revisions/revision-options.js';

export interface PruneResult {
  prunedEvents: number;
  prunedChanges: number;
  compactedStreams: number;
  /** Entities purged because they stayed in the trash longer than `trashDays`. */
  purgedEntities: number;
  durationMs: number;
  /** True when another replica held the retention lock, so this run did nothing. */
  skipped: boolean;
}

/**
 * Deletes revisions past the retention window. Each stream's expired prefix is replaced by one
 * `Baseline` event holding the state at its newest pruned version, so every retained version,
 * the head and a projection rebuild come out exactly as before.
 */
export class PruneRevisionsCommand extends Command<PruneResult> {
  constructor(
    /** Defaults to the configured policy. */
    readonly policy?: RetentionPolicy,
    readonly batchSize = 500,
    /** Prune only this org's streams (an org admin's run); null: every org (the cron, the CLI). */
    readonly org: string | null = null,
  ) {
    super();
  }
}
