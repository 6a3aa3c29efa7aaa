import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { run, runFirst } from '#database/query-builder.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import * as sql from './trash-sql.js';

export type PurgeReason = 'admin' | 'trash_expired';

export interface PurgeRecord {
  org: string;
  label: string | null;
  by: string;
  at: string;
  reason: PurgeReason;
}

/**
 * Removes a deleted entity for good: its events, change records, snapshots, pins, projection rows
 * (children cascade) and stored idempotent answers, in one transaction that leaves one
 * `revision_purges` row. Only a row still deleted is purged, so a concurrent restore wins or waits.
 */
@Injectable()
export class StreamPurger {
  constructor(
    private readonly db: Database,
    private readonly streams: EntityStreams,
    private readonly definitions: DefinitionRegistry,
  ) {}

  /** False when the entity was no longer in the trash (restored meanwhile). */
  async purge(definition: EntityDefinition, id: string, record: PurgeRecord): Promise<boolean> {
    const purged = await this.db.transaction(async (tx) => {
      if (!(await runFirst(tx, sql.lockTrashed(definition, id, record.org)))) return false;
      for (const statement of sql.PURGE_COPIES) await tx.query(statement, [definition.kind, id]);
      await tx.query(sql.PURGE_HISTORY, [definition.kind, id, record.org, record.label, record.by, record.at, record.reason]);
      await run(tx, sql.deleteProjection(definition, id));
      await tx.query(sql.PURGE_IDEMPOTENCY_ANSWERS, [record.org, id]);
      return true;
    });
    this.streams.forgetHead(definition.kind, id);
    return purged;
  }

  /**
   * Purges every entity deleted before `cutoff` (the retention job's trash rule), of one org or all,
   * batch by batch; the purge record names `retention` as who purged.
   */
  async purgeExpired(cutoff: string, batchSize: number, now: string, org: string | null = null): Promise<number> {
    let purged = 0;
    for (const definition of this.definitions.all) {
      for (;;) {
        const rows = await run(this.db, sql.expiredTrash(definition, cutoff, batchSize, org));
        for (const row of rows) {
          if (await this.purge(definition, row.id, { org: row.org_id, label: row.label, by: 'retention', at: now, reason: 'trash_expired' })) purged += 1;
        }
        if (rows.length < batchSize) break;
      }
    }
    return purged;
  }
}
