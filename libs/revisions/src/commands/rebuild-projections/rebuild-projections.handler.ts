import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Database, type TransactionExecutor } from '#database/database.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { evolve } from '#revisions/projections/fold-stream.js';
import { buildInsertHeads, changeRowLine, copyChangeRows } from '#revisions/projections/rebuild-statements.js';
import { ident } from '#revisions/event-store/sql-fragments.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { EventPages } from './event-pages.js';
import { RebuildProjectionsCommand, type RebuildResult } from './rebuild-projections.command.js';
import { shadowName, ShadowTables } from './shadow-tables.js';

@CommandHandler(RebuildProjectionsCommand)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjectionsCommand> {
  private readonly insertHeads: Map<string, string>;
  /** The change log first, then each kind's table before its children (the order locks are taken in). */
  private readonly tables: string[];

  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
  ) {
    this.insertHeads = new Map(definitions.all.map((definition) => [definition.kind, buildInsertHeads(definition, shadowName)]));
    this.tables = ['revision_changes', ...definitions.all.flatMap((definition) => [definition.table, ...Object.values(definition.collections).map((c) => c.table)])];
  }

  async execute({ onProgress, batchSize }: RebuildProjectionsCommand): Promise<RebuildResult> {
    const started = performance.now();
    return this.db.transaction(async (tx) => {
      // 1. Writers of history wait from here to the commit (appends take the events' lock first, so
      //    none is lost and none half-applied); readers keep reading the current tables throughout.
      await tx.query('set local synchronous_commit = off'); // maintenance: its commit need not wait for the disk
      await tx.query(`set local maintenance_work_mem = '256MB'`); // index builds sort in memory (shared by their parallel workers)
      await tx.query(`lock table revision_events, ${this.tables.map(ident).join(', ')} in exclusive mode`);
      const shadows = await ShadowTables.create(tx, this.tables);

      // 2. Replay into the new tables: pages are read on a second connection while this one copies
      //    the rows of the page before, so folding overlaps PostgreSQL's writing.
      const pages = await EventPages.open(this.db, this.definitions, batchSize);
      const result = { streams: 0, events: 0, changes: 0 };
      try {
        let open: EntityHead | undefined; // the stream being folded may continue on the next page
        let writing: Promise<void> = Promise.resolve();
        for (let events = await pages.next(); ; events = await pages.next()) {
          const finished: EntityHead[] = [];
          const lines: string[] = [];
          for (const event of events) {
            const before = open?.kind === event.streamKind && open.id === event.streamId ? open : undefined;
            if (open && !before) finished.push(open);
            open = evolve(before, event);
            this.collectChanges(lines, event, before, open);
          }
          const last = events.length < batchSize;
          if (last && open) finished.push(open);
          await writing;
          writing = this.write(tx, finished, lines);
          writing.catch(() => undefined); // awaited on the next page or below; this only marks it handled
          Object.assign(result, { streams: result.streams + finished.length, events: result.events + events.length, changes: result.changes + lines.length });
          onProgress?.(result.events, pages.total);
          if (last) break;
        }
        await writing;
      } finally {
        await pages.close();
      }

      // 3. Keys in bulk, then the new tables take the old ones' names.
      await shadows.addKeys(tx);
      await shadows.swap(tx);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    }).finally(() => this.streams.forgetAllHeads()); // rebuilt heads lose their cached fields
  }

  private collectChanges(lines: string[], event: RevisionEvent, before: EntityHead | undefined, after: EntityHead): void {
    if ((event.type !== 'Updated' && event.type !== 'Restored' && event.type !== 'Imported') || !before) return;
    const records = describeChanges(this.definitions.get(event.streamKind), event.data.changes, before.document, after.document);
    const row = { position: event.position, orgId: event.metadata.org, entityKind: event.streamKind, entityId: event.streamId, version: event.version, recordedAt: event.recordedAt, schemaVersion: event.schemaVersion, sequence: 0 };
    for (const record of records) {
      row.sequence += 1;
      lines.push(changeRowLine(row, record));
    }
  }

  /** The change rows first: the copy is sent whole before the next page's fold takes the thread. */
  private async write(tx: TransactionExecutor, heads: EntityHead[], lines: string[]): Promise<void> {
    if (lines.length) await tx.copyFrom(copyChangeRows(shadowName('revision_changes')), lines.join(''));
    for (const definition of this.definitions.all) {
      const ofKind = heads.filter((head) => head.kind === definition.kind);
      if (ofKind.length) await tx.query(this.insertHeads.get(definition.kind)!, [JSON.stringify(ofKind)]);
    }
  }
}
