import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import { currentChangeRecords } from '#revisions/change-log/current-change-records.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { operationOf } from '#revisions/event-store/revision-event.js';
import type { VersionSummary } from './version-summary.js';

const OPERATION = `case e.type ${Object.entries(operationOf).map(([type, operation]) => `when '${type}' then '${operation}'`).join(' ')} end`;

const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One version item as JSON, built in PostgreSQL from the event `e`: the same shape for the versions
 * list and a single version's view.
 */
export const VERSION_ITEM_JSON = `json_build_object(
      'versionId', e.version_id,
      'version', e.version,
      'operation', ${OPERATION},
      'createdAt', ${isoText('e.recorded_at')},
      'actor', e.metadata -> 'actor',
      'message', e.metadata -> 'message',
      'restoredFrom', e.metadata -> 'restoredFrom',
      'pin', (select json_build_object('label', p.label, 'by', p.pinned_by, 'at', ${isoText('p.pinned_at')})
              from revision_pins p where p.stream_kind = e.stream_kind and p.stream_id = e.stream_id and p.version = e.version),
      'changes', coalesce((select json_agg(json_build_object('kind', c.kind, 'op', c.op, 'path', c.path, 'from', c."from", 'to', c."to", 'schemaVersion', c.schema_version) order by c.sequence)
                           from revision_changes c where c.position = e.position), '[]'::json))`;

/** $1 kind, $2 id, $3 version → the item of that version, if stored. */
export const VERSION_ITEM_SQL = `select ${VERSION_ITEM_JSON} as item from revision_events e where e.stream_kind = $1 and e.stream_id = $2 and e.version = $3`;

/** A version item as the SQL above builds it: records as stored, each with the schema version it was classified under. */
export type StoredVersionItem = Omit<VersionSummary, 'restoredFrom' | 'changes'> & {
  restoredFrom?: VersionSummary['restoredFrom'] | null;
  changes: (ChangeRecord & { schemaVersion: number })[];
};

/** The item a client sees: change records in the current shape, `restoredFrom` only on restores. */
export function toVersionSummary(definition: EntityDefinition, { restoredFrom, changes, ...item }: StoredVersionItem): VersionSummary {
  const current = changes.flatMap(({ schemaVersion, ...record }) => currentChangeRecords(definition, [record], schemaVersion));
  const summary: VersionSummary = { ...item, changes: current };
  if (restoredFrom) summary.restoredFrom = restoredFrom;
  return summary;
}
