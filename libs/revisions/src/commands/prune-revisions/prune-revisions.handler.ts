import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { Clock } from '#revisions/clock.js';
import type { RevisionMetadata } from '#revisions/event-store/revision-event.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { foldStream } from '#revisions/projections/fold-stream.js';
import { REVISION_OPTIONS, type RetentionPolicy, type RevisionEngineOptions } from '#revisions/revision-options.js';
import { PruneRevisionsCommand, type PruneResult } from './prune-revisions.command.js';
import * as sql from './retention-sql.js';

interface StreamRow {
  stream_kind: string;
  stream_id: string;
  oldest: number;
  boundary: number;
}

const DAY_MS = 86_400_000;

/**
 * After each compaction the job rests as long as it worked (up to a limit): it takes at most about
 * half of one connection and of the event loop, so saves keep their latency while it runs.
 */
const MAX_PAUSE_MS = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@CommandHandler(PruneRevisionsCommand)
export class PruneRevisionsHandler implements ICommandHandler<PruneRevisionsCommand> {
  private readonly logger = new Logger('retention');

  constructor(
    private readonly db: Database,
    private readonly store: RevisionStore,
    private readonly clock: Clock,
    @Inject(REVISION_OPTIONS) private readonly options: RevisionEngineOptions,
  ) {}

  async execute({ policy = this.options.retention, batchSize }: PruneRevisionsCommand): Promise<PruneResult> {
    const started = performance.now();
    const totals = { prunedEvents: 0, prunedChanges: 0, compactedStreams: 0 };
    // One replica prunes at a time; the others skip rather than queue behind it.
    const run = await this.db.withAdvisoryLock(sql.RETENTION_LOCK_KEY, async () => {
      for await (const stream of this.expiredStreams(policy, batchSize)) {
        const began = performance.now();
        const pruned = await this.compact(stream);
        totals.prunedEvents += pruned.events;
        totals.prunedChanges += pruned.changes;
        totals.compactedStreams += 1;
        await pause(Math.min(performance.now() - began, MAX_PAUSE_MS));
      }
    });
    const result = { ...totals, durationMs: Math.round(performance.now() - started), skipped: run.skipped };
    this.logger.log({ msg: 'retention run', ...result });
    return result;
  }

  /** Streams with an expired prefix, found batch by batch so no query scans the whole store at once. */
  private async *expiredStreams(policy: RetentionPolicy, batchSize: number): AsyncGenerator<StreamRow> {
    if (policy.days <= 0 && policy.maxVersions <= 0) return;
    const cutoff = policy.days > 0 ? new Date(this.clock.now().getTime() - policy.days * DAY_MS).toISOString() : null;
    let after: [string, string] = ['', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const rows = await this.db.query<StreamRow>(sql.STREAM_BATCH, [cutoff, policy.maxVersions, ...after, batchSize]);
      yield* rows.filter((row) => row.boundary > row.oldest);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = [last.stream_kind, last.stream_id];
    }
  }

  /**
   * Replaces versions oldest..boundary by one Baseline at `boundary` holding the state there, in a
   * short transaction of its own; saves of the stream (which only ever append past the head) go on.
   */
  private async compact({ stream_kind: kind, stream_id: id, boundary }: StreamRow): Promise<{ events: number; changes: number }> {
    // 1. The state at the boundary, from the nearest snapshot and the events after it.
    const snapshot = await this.store.findSnapshot(kind, id, boundary);
    const events = await this.store.readStream(kind, id, { fromVersion: snapshot?.version ?? 1, toVersion: boundary });
    const state = snapshot ? foldStream(events.filter((event) => event.version > snapshot.version), snapshot) : foldStream(events);
    const last = events[events.length - 1];
    if (!state || last?.version !== boundary) throw new Error(`${kind} ${id}: cannot rebuild version ${boundary} to compact it`);
    const metadata: RevisionMetadata = { actor: last.metadata.actor, org: last.metadata.org };
    const data = { state: state.document, createdAt: state.createdAt, createdBy: state.createdBy, deletedAt: state.deletedAt };

    // 2. Swap the prefix for its baseline; change records of the pruned versions go with them.
    return this.db.transaction(async (tx) => {
      await tx.query(sql.OPEN_RETENTION);
      const changes = await tx.query(sql.DELETE_CHANGES, [kind, id, boundary]);
      const deleted = await tx.query(sql.DELETE_EVENTS, [kind, id, boundary]);
      await tx.query(sql.DELETE_SNAPSHOTS, [kind, id, boundary]);
      await tx.query(sql.INSERT_BASELINE, [kind, id, boundary, versionIdOf(id, boundary), JSON.stringify(data), JSON.stringify(metadata), last.recordedAt]);
      return { events: deleted.length - 1, changes: changes.length };
    });
  }
}
