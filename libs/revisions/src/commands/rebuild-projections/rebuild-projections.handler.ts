import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Database, type SqlExecutor } from '#database/database.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import { EVENT_COLUMNS, readEvent, type EventRow } from '#revisions/event-store/stored-rows.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { evolve } from '#revisions/projections/fold-stream.js';
import { buildInsertHeads, changeRowValues, emptyChangeRows, INSERT_CHANGE_ROWS, pushChangeRecord, type ChangeRowColumns } from '#revisions/projections/rebuild-statements.js';
import { ident } from '#revisions/event-store/sql-fragments.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { suspendChangeLogKeys } from './change-log-keys.js';
import { RebuildProjectionsCommand, type RebuildResult } from './rebuild-projections.command.js';

const EVENT_PAGE = `
  select ${EVENT_COLUMNS} from revision_events
  where (stream_kind, stream_id, version) > ($1::text, $2::uuid, $3::int)
  order by stream_kind, stream_id, version limit $4`;

type Cursor = [string, string, number];

@CommandHandler(RebuildProjectionsCommand)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjectionsCommand> {
  private readonly insertHeads: Map<string, string>;

  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
  ) {
    this.insertHeads = new Map(definitions.all.map((definition) => [definition.kind, buildInsertHeads(definition)]));
  }

  async execute({ onProgress, batchSize }: RebuildProjectionsCommand): Promise<RebuildResult> {
    const started = performance.now();
    return this.db.transaction(async (tx) => {
      // 1. Empty every projection; a rebuild is maintenance, so its commit need not wait for the disk.
      const tables = this.definitions.all.flatMap((definition) => [definition.table, ...Object.values(definition.collections).map((c) => c.table)]);
      await tx.query('set local synchronous_commit = off');
      await tx.query(`truncate revision_changes, ${tables.map(ident).join(', ')} restart identity`);
      const restoreKeys = await suspendChangeLogKeys(tx);
      const [{ total }] = await tx.query<{ total: number }>('select count(*)::int as total from revision_events');

      // 2. Replay the events batch by batch.
      const result = { streams: 0, events: 0, changes: 0 };
      let open: EntityHead | undefined; // the stream being folded may continue in the next batch
      let cursor: Cursor = ['', '00000000-0000-0000-0000-000000000000', 0];
      for (;;) {
        const events = await this.readBatch(tx, cursor, batchSize);
        const finished: EntityHead[] = [];
        const changeRows = emptyChangeRows();
        for (const event of events) {
          const before = open?.kind === event.streamKind && open.id === event.streamId ? open : undefined;
          if (open && !before) finished.push(open);
          open = evolve(before, event);
          this.collectChanges(changeRows, event, before, open);
        }
        if (events.length < batchSize && open) finished.push(open);
        await this.write(tx, finished, changeRows);
        result.streams += finished.length;
        result.events += events.length;
        result.changes += changeRows.position.length;
        onProgress?.(result.events, total);
        if (events.length < batchSize) break;
        const last = events[events.length - 1];
        cursor = [last.streamKind, last.streamId, last.version];
      }

      // 3. Put the change log's keys back.
      await restoreKeys();
      return { ...result, durationMs: Math.round(performance.now() - started) };
    }).finally(() => this.streams.forgetAllHeads()); // rebuilt heads lose their cached fields
  }

  private async readBatch(tx: SqlExecutor, after: Cursor, batchSize: number): Promise<RevisionEvent[]> {
    return (await tx.query<EventRow>({ name: 'rewind_rebuild_page', text: EVENT_PAGE, values: [...after, batchSize] })).map((row) => readEvent(row, (kind) => this.definitions.get(kind)));
  }

  private collectChanges(rows: ChangeRowColumns, event: RevisionEvent, before: EntityHead | undefined, after: EntityHead): void {
    if ((event.type !== 'Updated' && event.type !== 'Restored' && event.type !== 'Imported') || !before) return;
    const records = describeChanges(this.definitions.get(event.streamKind), event.data.changes, before.document, after.document);
    const row = { position: event.position, orgId: event.metadata.org, entityKind: event.streamKind, entityId: event.streamId, version: event.version, recordedAt: event.recordedAt, schemaVersion: event.schemaVersion };
    records.forEach((record, index) => pushChangeRecord(rows, { ...row, sequence: index + 1 }, record));
  }

  private async write(tx: SqlExecutor, heads: EntityHead[], changeRows: ChangeRowColumns): Promise<void> {
    for (const definition of this.definitions.all) {
      const ofKind = heads.filter((head) => head.kind === definition.kind);
      if (ofKind.length) await tx.query(this.insertHeads.get(definition.kind)!, [JSON.stringify(ofKind)]);
    }
    if (changeRows.position.length) await tx.query({ name: 'rewind_rebuild_changes', text: INSERT_CHANGE_ROWS, values: changeRowValues(changeRows) });
  }
}
