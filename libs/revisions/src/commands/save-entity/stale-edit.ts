import { diffEntity } from '#revisions/definition/entity-document.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { applyChanges } from '#revisions/document/apply-changes.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { StateChange } from '#revisions/document/state-change.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';

/**
 * The unit two edits collide on: a scalar field, one key inside a JSON field, or one child by
 * natural key.
 */
export function conflictUnit(definition: EntityDefinition, path: readonly string[]): string {
  const [name] = path;
  const nested = name in definition.collections || definition.fields[name]?.type === 'json';
  return (nested ? path.slice(0, 2) : path.slice(0, 1)).join('.');
}

/** Units changed by the events after the client's version. */
export function unitsChangedBy(definition: EntityDefinition, events: readonly RevisionEvent[]): Set<string> {
  const units = new Set<string>();
  for (const event of events) {
    if (event.type === 'Updated' || event.type === 'Restored' || event.type === 'Imported') {
      for (const change of event.data.changes) units.add(conflictUnit(definition, change.path));
    } else {
      units.add('*'); // a delete or baseline collides with every edit
    }
  }
  return units;
}

export interface StaleMerge {
  conflicts: string[];
  after: JsonObject;
}

/**
 * Replays what the client changed relative to the version it saw onto the current state. Any unit
 * also changed by someone else since is a conflict.
 */
export function mergeStaleEdit(
  definition: EntityDefinition,
  seen: JsonObject,
  edited: JsonObject,
  current: JsonObject,
  theirs: Set<string>,
): StaleMerge {
  const ours: StateChange[] = diffEntity(definition, seen, edited);
  const conflicts = [...new Set(ours.map((change) => conflictUnit(definition, change.path)))].filter((unit) => theirs.has(unit) || theirs.has('*'));
  return { conflicts, after: conflicts.length ? current : applyChanges(current, ours) };
}
