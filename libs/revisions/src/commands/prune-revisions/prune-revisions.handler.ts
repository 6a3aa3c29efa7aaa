import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { run, runFirst, type RowOf } from '#database/query-builder.js';
import { Clock } from '#revisions/clock.js';
import type { RevisionMetadata } from '#revisions/event-store/revision-event.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { PinStore } from '#revisions/pins/pin-store.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import { StreamPurger } from '#revisions/trash/stream-purger.js';
import { REVISION_OPTIONS, type RetentionPolicy, type RevisionEngineOptions } from '#revisions/revision-options.js';
import { PruneRevisionsCommand, type PruneResult } from './prune-revisions.command.js';
import * as sql from './retention-sql.js';

type StreamRow = RowOf<ReturnType<typeof sql.streamBatch>>;

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
    private readonly streams: EntityStreams,
    private readonly store: RevisionStore,
    private readonly clock: Clock,
    private readonly pins: PinStore,
    private readonly purger: StreamPurger,
    @Inject(REVISION_OPTIONS) private readonly options: RevisionEngineOptions,
  ) {}

  async execute({ policy = this.options.retention, batchSize, org }: PruneRevisionsCommand): Promise<PruneResult> {
    const started = performance.now();
    const totals = { prunedEvents: 0, prunedChanges: 0, compactedStreams: 0, purgedEntities: 0 };
    // One replica prunes at a time; the others skip rather than queue behind it.
    const run = await this.db.withAdvisoryLock(sql.RETENTION_LOCK_KEY, async () => {
      for await (const stream of this.expiredStreams(policy, batchSize, org)) {
        const began = performance.now();
        const pruned = await this.compact(stream);
        totals.prunedEvents += pruned.events;
        totals.prunedChanges += pruned.changes;
        if (pruned.compacted) totals.compactedStreams += 1;
        await pause(Math.min(performance.now() - began, MAX_PAUSE_MS));
      }
      if (policy.trashDays && policy.trashDays > 0) {
        const now = this.clock.now();
        totals.purgedEntities = await this.purger.purgeExpired(new Date(now.getTime() - policy.trashDays * DAY_MS).toISOString(), batchSize, now.toISOString(), org);
      }
    });
    const result = { ...totals, durationMs: Math.round(performance.now() - started), skipped: run.skipped };
    this.logger.log({ msg: 'retention run', ...result });
    return result;
  }

  /** Streams with an expired prefix, found batch by batch so no query scans the whole store at once. */
  private async *expiredStreams(policy: RetentionPolicy, batchSize: number, org: string | null): AsyncGenerator<StreamRow> {
    if (policy.days <= 0 && policy.maxVersions <= 0) return;
    const cutoff = policy.days > 0 ? new Date(this.clock.now().getTime() - policy.days * DAY_MS).toISOString() : null;
    let after: [string, string] = ['', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const rows = await run(this.db, sql.streamBatch({ cutoff, maxVersions: policy.maxVersions, after, size: batchSize, org }));
      yield* rows.filter((row) => row.boundary > row.oldest);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = [last.stream_kind, last.stream_id];
    }
  }

  /**
   * Replaces versions oldest..boundary by one Baseline at `boundary` holding the state there. A
   * pinned version in that range stays as a baseline of its own, so the prefix becomes one baseline
   * per pin plus the one at the boundary. Each replacement is one statement of its own; saves
   * of the stream (which only ever append past the head) go on.
   */
  private async compact({ stream_kind: kind, stream_id: id, oldest, boundary }: StreamRow): Promise<{ events: number; changes: number; compacted: boolean }> {
    // Earlier runs may have left gaps between pins: the last target is the newest version still stored.
    const { version: end } = (await runFirst(this.db, sql.newestStoredUpTo(kind, id, boundary)))!;
    const pinned = await this.pins.pinnedVersions(kind, id, oldest, end - 1);
    const totals = { events: 0, changes: 0, compacted: false };
    let after = oldest - 1;
    for (const target of [...pinned, end]) {
      const pruned = await this.replaceByBaseline(kind, id, { after, target, oldest });
      if (pruned) {
        totals.events += pruned.events;
        totals.changes += pruned.changes;
        totals.compacted = true;
      }
      after = target;
    }
    return totals;
  }

  /** Versions after..target become one Baseline at `target`; null when they already are one. */
  private async replaceByBaseline(kind: string, id: string, { after, target, oldest }: { after: number; target: number; oldest: number }) {
    const first = await runFirst(this.db, sql.firstEventAfter(kind, id, after));
    if (!first || (first.version === target && first.type === 'Baseline')) return null;

    // 1. The state at the target: from a snapshot inside the segment, else from the segment's start
    //    (the stream's first event, or the baseline just left at the previous target).
    const folded = await this.streams.fold(kind, id, target, Math.max(after, oldest));
    if (!folded) throw new Error(`${kind} ${id}: cannot rebuild version ${target} to compact it`);
    const { state, event: last } = folded;
    const { actor, org, message } = last.metadata;
    const metadata: RevisionMetadata = { actor, org, ...(message && { message }) };
    // `prunedSince`: when the oldest replaced version was recorded, so time travel still knows that
    // the version before this segment (a pin) was current until then.
    const prunedSince = toIsoTimestamp(first.recorded_at);
    const data = { state: state.document, createdAt: state.createdAt, createdBy: state.createdBy, deletedAt: state.deletedAt, prunedSince };

    // 2. Swap the segment for its baseline; change records of the pruned versions go with them.
    return this.store.replaceByBaseline(
      { type: 'Baseline', data, streamKind: kind, streamId: id, version: target, versionId: versionIdOf(id, target), metadata, recordedAt: last.recordedAt },
      after,
    );
  }
}
