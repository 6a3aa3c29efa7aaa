import type { EntityDefinition } from '../definition/entity-definition.js';
import type { JsonObject } from '../document/json.js';
import type { EntityHead } from '../projections/entity-head.js';
import { upcastEvent, upcastSnapshot } from '../schema-evolution/upcast.js';
import type { RevisionEvent } from './revision-event.js';
import { toIsoTimestamp } from './timestamps.js';

/** Columns of an event row, in the order every event query selects them. */
export const EVENT_COLUMNS = 'position, stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version';

export interface EventRow {
  position: string;
  stream_kind: string;
  stream_id: string;
  version: number;
  version_id: string;
  type: RevisionEvent['type'];
  data: never;
  metadata: RevisionEvent['metadata'];
  recorded_at: string;
  schema_version: number;
}

export interface SnapshotRow {
  state: Omit<EntityHead, 'kind' | 'cached'>;
  schema_version: number;
}

/**
 * The one place where a stored event becomes an event the engine uses: in the current shape of
 * its kind, lifted by the definition's upcasters when it was written under an older schema version.
 * Fold, versions, diff, restore, rebuild, retention and verify all read events through here; the
 * stored row is never rewritten.
 */
export function readEvent(row: EventRow, definitionOf: (kind: string) => EntityDefinition): RevisionEvent {
  const event = {
    position: row.position,
    streamKind: row.stream_kind,
    streamId: row.stream_id,
    version: row.version,
    versionId: row.version_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: toIsoTimestamp(row.recorded_at)!,
    schemaVersion: row.schema_version,
  } as RevisionEvent;
  return upcastEvent(definitionOf(row.stream_kind), event);
}

/** A stored snapshot as a head in the current shape; the same upcasters as its events. */
export function readSnapshot(row: SnapshotRow, definition: EntityDefinition): EntityHead {
  const head: EntityHead = { ...row.state, document: row.state.document as JsonObject, kind: definition.kind, cached: {} };
  return upcastSnapshot(definition, head, row.schema_version);
}
