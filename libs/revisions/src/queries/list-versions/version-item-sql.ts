import { operationOf } from '#revisions/event-store/revision-event.js';

const OPERATION = `case e.type ${Object.entries(operationOf).map(([type, operation]) => `when '${type}' then '${operation}'`).join(' ')} end`;

/**
 * One version item as JSON, built in PostgreSQL from the event `e`: the same shape for the versions
 * list and a single version's view.
 */
export const VERSION_ITEM_JSON = `json_build_object(
      'versionId', e.version_id,
      'version', e.version,
      'operation', ${OPERATION},
      'createdAt', to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'actor', e.metadata -> 'actor',
      'message', e.metadata -> 'message',
      'restoredFrom', e.metadata -> 'restoredFrom',
      'changes', coalesce((select json_agg(json_build_object('kind', c.kind, 'op', c.op, 'path', c.path, 'from', c."from", 'to', c."to") order by c.sequence)
                           from revision_changes c where c.position = e.position), '[]'::json))`;

/** $1 kind, $2 id, $3 version → the item of that version, if stored. */
export const VERSION_ITEM_SQL = `select ${VERSION_ITEM_JSON} as item from revision_events e where e.stream_kind = $1 and e.stream_id = $2 and e.version = $3`;
