/**
 * Streams of one batch (keyset on kind, id) with the newest version each may lose: the newest
 * version older than the cutoff or beyond the count cap, never the head. Only streams whose
 * boundary lies past their oldest stored version have anything to prune.
 *   $1 cutoff (null: no age rule)  $2 max versions (0: no cap)  $3/$4 last kind/id seen  $5 batch size
 */
export const STREAM_BATCH = `
  with streams as (
    select stream_kind, stream_id, min(version) as oldest, max(version) as head,
           max(version) filter (where $1::timestamptz is not null and recorded_at < $1::timestamptz) as aged
    from revision_events
    where (stream_kind, stream_id) > ($3::text, $4::uuid)
    group by stream_kind, stream_id
    order by stream_kind, stream_id
    limit $5)
  select stream_kind, stream_id, oldest,
         least(head - 1, greatest(coalesce(aged, 0), case when $2::int > 0 then head - $2::int else 0 end)) as boundary
  from streams order by stream_kind, stream_id`;

/** The only way to delete history: the trigger lets this transaction through. */
export const OPEN_RETENTION = `set local rewind.retention = 'on'`;

/** The oldest event of a stream after version $3: a segment that is one baseline needs no work. */
export const FIRST_EVENT_AFTER = `
  select version, type from revision_events where stream_kind = $1 and stream_id = $2 and version > $3 order by version limit 1`;

export const NEWEST_STORED_UP_TO = `
  select max(version) as version from revision_events where stream_kind = $1 and stream_id = $2 and version <= $3`;

/** $1 kind, $2 id, versions after $3 up to $4. */
export const DELETE_CHANGES = `
  delete from revision_changes where entity_kind = $1 and entity_id = $2 and version > $3 and version <= $4 returning 1`;

export const DELETE_EVENTS = `
  delete from revision_events where stream_kind = $1 and stream_id = $2 and version > $3 and version <= $4 returning 1`;

export const DELETE_SNAPSHOTS = `
  delete from revision_snapshots where stream_kind = $1 and stream_id = $2 and version > $3 and version <= $4`;

export const INSERT_BASELINE = `
  insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version)
  values ($1, $2, $3, $4, 'Baseline', $5::jsonb, $6::jsonb, $7::timestamptz, $8::int)
  returning position`;

/** Session-level lock held by the replica that prunes; the others skip. */
export const RETENTION_LOCK_KEY = 0x52_65_77_69; // "Rewi"
