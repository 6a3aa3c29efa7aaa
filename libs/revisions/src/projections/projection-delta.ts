import type { EntityDefinition } from '../definition/entity-definition.js';
import type { JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';

export interface ProjectionDelta {
  /** Changed top-level fields with their new values. */
  fields: JsonObject;
  /** Per collection, the new state of each added or changed child. */
  upserts: Record<string, JsonObject>;
  /** Per collection, the natural keys of removed children. */
  removals: Record<string, string[]>;
}

/** What the projection must write for `changes`, read off the state after them. */
export function projectionDelta(definition: EntityDefinition, changes: readonly StateChange[], after: JsonObject): ProjectionDelta {
  const delta: ProjectionDelta = { fields: {}, upserts: {}, removals: {} };
  for (const { path } of changes) {
    const [name, key] = path;
    if (name in definition.fields) {
      delta.fields[name] = after[name];
    } else if (name in definition.collections && key !== undefined) {
      const item = (after[name] as JsonObject)[key];
      if (item === undefined) (delta.removals[name] ??= []).push(key);
      else (delta.upserts[name] ??= {})[key] = item;
    }
  }
  return delta;
}
