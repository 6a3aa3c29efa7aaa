/**
 * Streams of one batch (keyset on kind, id) with the newest version each may lose: the newest
 * version older than the cutoff or beyond the count cap, never the head. Only streams whose
 * boundary lies past their oldest stored version have anything to prune.
 *   $1 cutoff (null: no age rule)  $2 max versions (0: no cap)  $3/$4 last kind/id seen  $5 batch size
 *   $6 org (null: every org; a stream's events all carry its org)
 */
export const STREAM_BATCH = `
  with streams as (
    select stream_kind, stream_id, min(version) as oldest, max(version) as head,
           max(version) filter (where $1::timestamptz is not null and recorded_at < $1::timestamptz) as aged
    from revision_events
    where (stream_kind, stream_id) > ($3::text, $4::uuid)
      and ($6::text is null or metadata ->> 'org' = $6::text)
    group by stream_kind, stream_id
    order by stream_kind, stream_id
    limit $5)
  select stream_kind, stream_id, oldest,
         least(head - 1, greatest(coalesce(aged, 0), case when $2::int > 0 then head - $2::int else 0 end)) as boundary
  from streams order by stream_kind, stream_id`;

/** The oldest event of a stream after version $3: a segment that is one baseline needs no work. */
export const FIRST_EVENT_AFTER = `
  select version, type, recorded_at from revision_events where stream_kind = $1 and stream_id = $2 and version > $3 order by version limit 1`;

export const NEWEST_STORED_UP_TO = `
  select max(version) as version from revision_events where stream_kind = $1 and stream_id = $2 and version <= $3`;

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
