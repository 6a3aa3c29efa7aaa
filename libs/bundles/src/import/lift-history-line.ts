import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { JsonObject } from '#revisions/document/json.js';
import { upcastEvent, type UpcastableData } from '#revisions/schema-evolution/upcast.js';
import { rejectBundle } from '../bundle-errors.js';

/**
 * A history line in the shape this build writes. Exports name each line's `schemaVersion`, so a
 * history exported by an older Rewind is lifted by the kind's upcasters, like stored events are
 * (docs/schema-evolution.md). A line from a newer build is refused, never guessed at. A line
 * without a version is taken as current.
 */
export function liftHistoryLine(definition: EntityDefinition, file: string, line: string, event: JsonObject): JsonObject {
  const { schemaVersion } = event;
  if (schemaVersion === undefined) return event;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > definition.schemaVersion) {
    rejectBundle(file, `${line}: schemaVersion must be an integer from 1 to ${definition.schemaVersion} (the ${definition.kind} versions this build reads)`);
  }
  const lifted = upcastEvent(definition, { type: event.type, data: event.data, schemaVersion } as UpcastableData & { schemaVersion: number });
  return { ...event, data: lifted.data as unknown as JsonObject, schemaVersion: lifted.schemaVersion };
}
