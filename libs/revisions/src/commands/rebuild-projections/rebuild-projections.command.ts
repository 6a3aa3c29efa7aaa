import { Command } from '@nestjs/cqrs';

export interface RebuildResult {
  streams: number;
  events: number;
  changes: number;
  durationMs: number;
}

/**
 * Drops every projection (current-state tables and the change log) and rebuilds them from the
 * events, in batches, in one transaction: readers see the old rows until it commits.
 */
export class RebuildProjectionsCommand extends Command<RebuildResult> {
  constructor(
    readonly onProgress?: (doneEvents: number, totalEvents: number) => void,
    readonly batchSize = 2000,
  ) {
    super();
  }
}
