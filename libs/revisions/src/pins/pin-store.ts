import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import type { Pin } from './pin.js';

interface PinRow {
  label: string;
  pinned_by: string;
  pinned_at: string;
}

/** `revision_pins`: one row per pinned version of a stream. */
@Injectable()
export class PinStore {
  constructor(private readonly db: Database) {}

  /** Pins the version, or relabels it when already pinned (who and when then name the relabel). */
  async pin(kind: string, id: string, version: number, org: string, pin: Pin): Promise<Pin> {
    const [row] = await this.db.query<PinRow>(
      `insert into revision_pins (stream_kind, stream_id, version, org_id, label, pinned_by, pinned_at) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (stream_kind, stream_id, version, org_id) do update set label = excluded.label, pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at
       returning label, pinned_by, pinned_at`,
      [kind, id, version, org, pin.label, pin.by, pin.at],
    );
    return toPin(row);
  }

  /** True when there was a pin to remove. */
  async unpin(kind: string, id: string, version: number): Promise<boolean> {
    const rows = await this.db.query('delete from revision_pins where stream_kind = $1 and stream_id = $2 and version = $3 returning 1', [kind, id, version]);
    return rows.length > 0;
  }

  /** Pinned version numbers of a stream from `from` to `to`, ascending. */
  async pinnedVersions(kind: string, id: string, from: number, to: number): Promise<number[]> {
    const rows = await this.db.query<{ version: number }>({
      name: 'rewind_pinned_versions',
      text: 'select version from revision_pins where stream_kind = $1 and stream_id = $2 and version between $3 and $4 order by version',
      values: [kind, id, from, to],
    });
    return rows.map((row) => row.version);
  }
}

function toPin(row: PinRow): Pin {
  return { label: row.label, by: row.pinned_by, at: toIsoTimestamp(row.pinned_at)! };
}
