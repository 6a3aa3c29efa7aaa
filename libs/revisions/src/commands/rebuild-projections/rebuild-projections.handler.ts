import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Database, type SqlExecutor } from '../../../../database/src/database.js';
import { describeChanges } from '../../changes/describe-changes.js';
import { EntityDefinitions } from '../../definition/entity-definitions.js';
import type { RevisionEvent } from '../../event-store/revision-event.js';
import { toEvent, type EventRow } from '../../event-store/revision-store.js';
import type { EntityHead } from '../../projections/entity-head.js';
import { evolve } from '../../projections/fold-stream.js';
import { buildInsertHeads, INSERT_CHANGE_ROWS } from '../../projections/rebuild-statements.js';
import { ident } from '../../projections/sql-fragments.js';
import { RebuildProjectionsCommand, type RebuildResult } from './rebuild-projections.command.js';

const EVENT_PAGE = `
  select position, stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at from revision_events
  where (stream_kind, stream_id, version) > ($1::text, $2::uuid, $3::int)
  order by stream_kind, stream_id, version limit $4`;

@CommandHandler(RebuildProjectionsCommand)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjectionsCommand> {
  private readonly insertHeads: Map<string, string>;

  constructor(
    private readonly db: Database,
    private readonly definitions: EntityDefinitions,
  ) {
    this.insertHeads = new Map(definitions.all.map((definition) => [definition.kind, buildInsertHeads(definition)]));
  }

  async execute({ onProgress, batchSize }: RebuildProjectionsCommand): Promise<RebuildResult> {
    const started = performance.now();
    return this.db.transaction(async (tx) => {
      const tables = this.definitions.all.flatMap((definition) => [definition.table, ...Object.values(definition.collections).map((c) => c.table)]);
      await tx.query(`truncate revision_changes, ${tables.map(ident).join(', ')} restart identity`);
      const [{ total }] = await tx.query<{ total: number }>('select count(*)::int as total from revision_events');
      const result = { streams: 0, events: 0, changes: 0 };
      let open: EntityHead | undefined; // the stream being folded may continue in the next batch
      let cursor: [string, string, number] = ['', '00000000-0000-0000-0000-000000000000', 0];
      for (;;) {
        const events = (await tx.query<EventRow>(EVENT_PAGE, [...cursor, batchSize])).map(toEvent);
        const finished: EntityHead[] = [];
        const changeRows: object[] = [];
        for (const event of events) {
          if (open && (open.kind !== event.streamKind || open.id !== event.streamId)) finished.push(open);
          const before = open?.kind === event.streamKind && open.id === event.streamId ? open : undefined;
          open = evolve(before, event);
          changeRows.push(...this.changeRows(event, before, open));
        }
        if (events.length < batchSize && open) finished.push(open);
        await this.write(tx, finished, changeRows);
        result.streams += finished.length;
        result.events += events.length;
        result.changes += changeRows.length;
        onProgress?.(result.events, total);
        if (events.length < batchSize) break;
        const last = events[events.length - 1];
        cursor = [last.streamKind, last.streamId, last.version];
      }
      return { ...result, durationMs: Math.round(performance.now() - started) };
    });
  }

  private changeRows(event: RevisionEvent, before: EntityHead | undefined, after: EntityHead): object[] {
    if ((event.type !== 'Updated' && event.type !== 'Restored') || !before) return [];
    const records = describeChanges(this.definitions.get(event.streamKind), event.data.changes, before.document, after.document);
    return records.map((record, index) => ({
      position: event.position,
      sequence: index + 1,
      orgId: event.metadata.org,
      entityKind: event.streamKind,
      entityId: event.streamId,
      version: event.version,
      recordedAt: event.recordedAt,
      record,
    }));
  }

  private async write(tx: SqlExecutor, heads: EntityHead[], changeRows: object[]): Promise<void> {
    for (const definition of this.definitions.all) {
      const ofKind = heads.filter((head) => head.kind === definition.kind);
      if (ofKind.length) await tx.query(this.insertHeads.get(definition.kind)!, [JSON.stringify(ofKind)]);
    }
    if (changeRows.length) await tx.query(INSERT_CHANGE_ROWS, [JSON.stringify(changeRows)]);
  }
}
