import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { qb, run, runFirst, sql } from '#database/query-builder.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import type { Pin } from './pin.js';

/** `revision_pins`: one row per pinned version of a stream. */
@Injectable()
export class PinStore {
  constructor(private readonly db: Database) {}

  /** Pins the version, or relabels it when already pinned (who and when then name the relabel). */
  async pin(kind: string, id: string, version: number, org: string, pin: Pin): Promise<Pin> {
    const row = await runFirst(
      this.db,
      qb
        .insertInto('revision_pins')
        .values({ stream_kind: kind, stream_id: id, version, org_id: org, label: pin.label, pinned_by: pin.by, pinned_at: pin.at })
        .onConflict((conflict) =>
          conflict.columns(['stream_kind', 'stream_id', 'version', 'org_id']).doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            pinned_by: eb.ref('excluded.pinned_by'),
            pinned_at: eb.ref('excluded.pinned_at'),
          })),
        )
        .returning(['label', 'pinned_by', 'pinned_at']),
    );
    return { label: row!.label, by: row!.pinned_by, at: toIsoTimestamp(row!.pinned_at)! };
  }

  /** True when there was a pin to remove. */
  async unpin(kind: string, id: string, version: number): Promise<boolean> {
    const removed = qb.deleteFrom('revision_pins').where('stream_kind', '=', kind).where('stream_id', '=', id).where('version', '=', version).returning(sql<number>`1`.as('removed'));
    return (await run(this.db, removed)).length > 0;
  }

  /** Pinned version numbers of a stream from `from` to `to`, ascending. */
  async pinnedVersions(kind: string, id: string, from: number, to: number): Promise<number[]> {
    const pinned = qb
      .selectFrom('revision_pins')
      .select('version')
      .where('stream_kind', '=', kind)
      .where('stream_id', '=', id)
      .where((eb) => eb.between('version', from, to))
      .orderBy('version');
    const rows = await run(this.db, pinned, 'rewind_pinned_versions');
    return rows.map((row) => row.version);
  }
}
