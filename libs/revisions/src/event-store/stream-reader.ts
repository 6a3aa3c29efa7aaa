import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import type { EntityHead } from '../projections/entity-head.js';
import type { RevisionEvent } from './revision-event.js';
import { EVENT_COLUMNS, readEvent, readSnapshot, type EventRow, type SnapshotRow } from './stored-rows.js';

export interface VersionAt {
  version: number;
  next: number | null;
  prunedSince: string | null;
}

/** Reads one stream's stored events and snapshots, lifted to the current shape (stored-rows.ts). */
@Injectable()
export class StreamReader {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
  ) {}

  /** The newest snapshot at or before `version`, in the current shape. */
  async findSnapshot(kind: string, id: string, version: number): Promise<EntityHead | undefined> {
    const [row] = await this.db.query<SnapshotRow>({
      name: 'rewind_find_snapshot',
      text: 'select state, schema_version from revision_snapshots where stream_kind = $1 and stream_id = $2 and version <= $3 order by version desc limit 1',
      values: [kind, id, version],
    });
    return row && readSnapshot(row, this.definitions.get(kind));
  }

  /** Whether any org holds a stream of this kind and id (entity ids stay unique across orgs). */
  async streamExists(kind: string, id: string): Promise<boolean> {
    const [row] = await this.db.query<{ found: boolean }>({
      name: 'rewind_stream_exists',
      text: 'select exists (select 1 from revision_events where stream_kind = $1 and stream_id = $2) as found',
      values: [kind, id],
    });
    return row.found;
  }

  /** The oldest version still stored of a stream; older ones were pruned. */
  async oldestVersion(kind: string, id: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ version: number | null }>({
      name: 'rewind_oldest_version',
      text: 'select min(version) as version from revision_events where stream_kind = $1 and stream_id = $2',
      values: [kind, id],
    });
    return row?.version ?? undefined;
  }

  /** Events of one stream in version order, optionally bounded, in the current shape. */
  async readStream(kind: string, id: string, range: { fromVersion?: number; toVersion?: number } = {}): Promise<RevisionEvent[]> {
    const rows = await this.db.query<EventRow>({
      name: 'rewind_read_stream',
      text: `select ${EVENT_COLUMNS} from revision_events where stream_kind = $1 and stream_id = $2 and version between $3 and $4 order by version`,
      values: [kind, id, range.fromVersion ?? 1, range.toVersion ?? 2_147_483_647],
    });
    return rows.map((row) => readEvent(row, this.definitionOf));
  }

  async findVersionNumber(kind: string, id: string, versionId: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ version: number }>({
      name: 'rewind_find_version',
      text: 'select version from revision_events where version_id = $1 and stream_kind = $2 and stream_id = $3',
      values: [versionId, kind, id],
    });
    return row?.version;
  }

  /**
   * The newest stored version recorded at or before `at` (one probe of the stream-time index) and
   * the next stored version after it. A gap between the two was pruned; the baseline after the gap
   * says when its oldest pruned version was recorded (`prunedSince`).
   */
  async findVersionAt(kind: string, id: string, at: string, { strictlyBefore = false } = {}): Promise<VersionAt | undefined> {
    const [row] = await this.db.query<{ version: number; next: number | null; pruned_since: string | null }>({
      name: strictlyBefore ? 'rewind_version_before' : 'rewind_version_at',
      text: `select e.version, n.version as next, n.data ->> 'prunedSince' as pruned_since
             from (select version from revision_events where stream_kind = $1 and stream_id = $2 and recorded_at ${strictlyBefore ? '<' : '<='} $3::timestamptz
                   order by recorded_at desc, version desc limit 1) e
             left join lateral (select version, data from revision_events n where n.stream_kind = $1 and n.stream_id = $2 and n.version > e.version
                                order by n.version limit 1) n on true`,
      values: [kind, id, at],
    });
    return row && { version: row.version, next: row.next, prunedSince: row.pruned_since };
  }

  private readonly definitionOf = (kind: string) => this.definitions.get(kind);
}
