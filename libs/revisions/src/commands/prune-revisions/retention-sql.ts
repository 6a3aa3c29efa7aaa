import { qb, sql } from '#database/query-builder.js';

export interface RetentionBatch {
  /** Versions recorded before this are past the age rule; null: no age rule. */
  cutoff: string | null;
  /** At most this many versions per stream; 0: no cap. */
  maxVersions: number;
  /** Kind and id of the last stream seen (keyset). */
  after: [string, string];
  size: number;
  /** Null: every org (a stream's events all carry its org). */
  org: string | null;
}

/**
 * Streams of one batch (keyset on kind, id) with the newest version each may lose: the newest
 * version older than the cutoff or beyond the count cap, never the head. Only streams whose
 * boundary lies past their oldest stored version have anything to prune.
 */
export function streamBatch({ cutoff, maxVersions, after, size, org }: RetentionBatch) {
  const streams = qb
    .selectFrom('revision_events')
    .select(['stream_kind', 'stream_id'])
    .select((eb) => [
      eb.fn.min('version').as('oldest'),
      eb.fn.max('version').as('head'),
      cutoff === null ? sql<number | null>`null::int`.as('aged') : eb.fn.max('version').filterWhere('recorded_at', '<', cutoff).as('aged'),
    ])
    .where((eb) => eb(eb.refTuple('stream_kind', 'stream_id'), '>', eb.tuple(sql<string>`${after[0]}::text`, sql<string>`${after[1]}::uuid`)))
    .$if(org !== null, (query) => query.where(sql<string>`metadata ->> 'org'`, '=', org!))
    .groupBy(['stream_kind', 'stream_id'])
    .orderBy('stream_kind')
    .orderBy('stream_id')
    .limit(size);
  const capped = maxVersions > 0 ? sql<number>`head - ${maxVersions}::int` : sql<number>`0`;
  return qb
    .with('streams', () => streams)
    .selectFrom('streams')
    .select(['stream_kind', 'stream_id', 'oldest', sql<number>`least(head - 1, greatest(coalesce(aged, 0), ${capped}))`.as('boundary')])
    .orderBy('stream_kind')
    .orderBy('stream_id');
}

const eventsOf = (kind: string, id: string) => qb.selectFrom('revision_events').where('stream_kind', '=', kind).where('stream_id', '=', id);

/** The oldest event of a stream after version `after`: a segment that is one baseline needs no work. */
export const firstEventAfter = (kind: string, id: string, after: number) =>
  eventsOf(kind, id).select(['version', 'type', 'recorded_at']).where('version', '>', after).orderBy('version').limit(1);

export const newestStoredUpTo = (kind: string, id: string, version: number) =>
  eventsOf(kind, id).select((eb) => eb.fn.max('version').as('version')).where('version', '<=', version);

/**
 * The only way to delete history: a SECURITY DEFINER function of the migration role swaps versions
 * after..target for one Baseline at the target, with their change records and snapshots (migration
 * Migration20261201110001_database_roles). The API's role cannot delete by itself.
 *   $1 kind  $2 id  $3 after  $4 target  $5 its versionId  $6 baseline data  $7 metadata  $8 recorded at  $9 schema version
 */
export const COMPACT_STREAM = `
  select pruned_events, pruned_changes, baseline_position
  from rewind_compact_stream($1::text, $2::uuid, $3::int, $4::int, $5::uuid, $6::jsonb, $7::jsonb, $8::timestamptz, $9::int)`;

/** Session-level lock held by the replica that prunes; the others skip. */
export const RETENTION_LOCK_KEY = 0x52_65_77_69; // "Rewi"
