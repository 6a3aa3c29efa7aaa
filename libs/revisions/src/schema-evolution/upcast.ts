import type { ChangeRecord } from '../change-log/change-record.js';
import type { JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';
import { UnknownSchemaVersionError, type SchemaEvolution, type Upcaster } from './upcaster.js';

/** The upcasters that lift data of `schemaVersion` to the current version, in order; none when current. */
function stepsFrom(evolution: SchemaEvolution, schemaVersion: number): readonly Upcaster[] {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > evolution.schemaVersion) {
    throw new UnknownSchemaVersionError(evolution.kind, schemaVersion, evolution.schemaVersion);
  }
  return evolution.upcasters.slice(schemaVersion - 1);
}

export function isCurrent(evolution: SchemaEvolution, schemaVersion: number): boolean {
  return stepsFrom(evolution, schemaVersion).length === 0;
}

/** A full document of `schemaVersion` in the current shape. */
export function upcastDocument(evolution: SchemaEvolution, document: JsonObject, schemaVersion: number): JsonObject {
  return stepsFrom(evolution, schemaVersion).reduce((lifted, step) => step.document(lifted), document);
}

/** Field and child changes of `schemaVersion` in the current shape. */
export function upcastChanges(evolution: SchemaEvolution, changes: readonly StateChange[], schemaVersion: number): StateChange[] {
  return stepsFrom(evolution, schemaVersion).reduce<StateChange[]>((lifted, step) => step.changes(lifted), [...changes]);
}

/** Event data by type, as far as upcasting cares: full state, changes, or nothing shape-bound. */
export type UpcastableData =
  | { type: 'Created'; data: { state: JsonObject } }
  | { type: 'Baseline'; data: { state: JsonObject } & Record<string, unknown> }
  | { type: 'Updated' | 'Restored' | 'Imported'; data: { changes: StateChange[] } }
  | { type: 'Deleted'; data: Record<string, never> }
  | { type: 'Redacted'; data: { reason: string; values: number } };

/**
 * An event as the current definition reads it. Events already current come back as they are (the
 * common case costs nothing); older ones come back as new objects, and the stored row is untouched.
 */
export function upcastEvent<E extends UpcastableData & { schemaVersion: number }>(evolution: SchemaEvolution, event: E): E {
  if (isCurrent(evolution, event.schemaVersion)) return event;
  const from = event.schemaVersion;
  const current = evolution.schemaVersion;
  switch (event.type) {
    case 'Created':
    case 'Baseline':
      return { ...event, schemaVersion: current, data: { ...event.data, state: upcastDocument(evolution, event.data.state, from) } };
    case 'Updated':
    case 'Restored':
    case 'Imported':
      return { ...event, schemaVersion: current, data: { ...event.data, changes: upcastChanges(evolution, event.data.changes, from) } };
    default:
      return { ...event, schemaVersion: current };
  }
}

/** A snapshot (or any head) whose document was stored under `schemaVersion`. */
export function upcastSnapshot<H extends { document: JsonObject }>(evolution: SchemaEvolution, head: H, schemaVersion: number): H {
  return isCurrent(evolution, schemaVersion) ? head : { ...head, document: upcastDocument(evolution, head.document, schemaVersion) };
}

/**
 * Stored change records of an event of `schemaVersion`, in the current shape: each is lifted by the
 * same `changes` functions as the event it describes (a record has an event change's op, path and
 * values, at its rule's depth), then `reclassify` reads its kind and op again from the current
 * rules, because a field moved under a rule's path is now reported by that rule.
 */
export function upcastChangeRecords(
  evolution: SchemaEvolution,
  records: readonly ChangeRecord[],
  schemaVersion: number,
  reclassify: (change: StateChange) => ChangeRecord,
): ChangeRecord[] {
  if (isCurrent(evolution, schemaVersion)) return [...records];
  return upcastChanges(evolution, records.map(({ op, path, from, to }) => ({ op, path, from, to })), schemaVersion).map(reclassify);
}
