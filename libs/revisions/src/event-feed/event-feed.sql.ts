/**
 * The feed's statements. An event is readable only once every transaction that could still add an
 * event before it in (transaction id, position) order has ended: its transaction id lies below the
 * oldest transaction still running, `pg_snapshot_xmin(pg_current_snapshot())`.
 */
const FEED_COLUMNS = `
  e.position, e.transaction_id::text as transaction_id, e.metadata ->> 'org' as org, e.stream_kind, e.stream_id,
  e.version, e.version_id, e.type, e.metadata -> 'actor' as actor, e.metadata ->> 'message' as message, e.recorded_at,
  coalesce((select jsonb_agg(jsonb_build_object('kind', c.kind, 'op', c.op, 'path', to_jsonb(c.path), 'from', c."from", 'to', c."to", 'schemaVersion', c.schema_version) order by c.sequence)
            from revision_changes c where c.position = e.position), '[]'::jsonb) as changes`;

const VISIBLE = `e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

/** $1 after transaction id, $2 after position, $3 limit: every org (subscriptions). */
export const READ_FEED = `
  select ${FEED_COLUMNS}
  from revision_events e
  where ${VISIBLE} and (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
  order by e.transaction_id, e.position
  limit $3::int`;

/** $1 after transaction id, $2 after position, $3 limit, $4 org. */
export const READ_ORG_FEED = `
  select ${FEED_COLUMNS}
  from revision_events e
  where e.metadata ->> 'org' = $4::text and ${VISIBLE} and (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
  order by e.transaction_id, e.position
  limit $3::int`;

/**
 * $1 org, $2 position (> 0): the cursor of the org's event at that position. When retention has pruned
 * it, the feed resumes before the org's oldest transaction holding a later position, which may
 * repeat a few events (readers dedupe by position). Nothing after it: the org's last readable event.
 */
export const CURSOR_AT = `
  select coalesce(
    (select transaction_id::text || ':' || position from revision_events where position = $2::bigint and metadata ->> 'org' = $1::text),
    (select (min(transaction_id)::text::numeric - 1)::text || ':' || '9223372036854775807' from revision_events where metadata ->> 'org' = $1::text and position > $2::bigint),
    (select transaction_id::text || ':' || position from revision_events e where metadata ->> 'org' = $1::text and ${VISIBLE}
     order by transaction_id desc, position desc limit 1)
  ) as cursor`;

/** The last readable event of all orgs: where a subscription that starts "now" begins. */
export const FEED_HEAD = `
  select transaction_id::text as transaction_id, position::text as position from revision_events e
  where ${VISIBLE} order by transaction_id desc, position desc limit 1`;
