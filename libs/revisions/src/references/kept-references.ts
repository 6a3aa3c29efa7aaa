import type { EntityDefinition } from '../definition/entity-definition.js';
import type { JsonObject } from '../document/json.js';
import { isUuid } from '../validation/is-uuid.js';

/**
 * Pure: the ids of droppable references (by referenced kind) that `after` keeps from `before`.
 * A save's append checks they still exist; ids it adds are checked before, as new references.
 */
export function keptReferences(definition: EntityDefinition, before: JsonObject, after: JsonObject): Record<string, string[]> {
  const kept: Record<string, string[]> = {};
  for (const reference of definition.references) {
    if (!reference.drop) continue;
    const held = new Set(reference.ids(before));
    const ids = reference.ids(after).filter((id) => held.has(id) && isUuid(id));
    if (ids.length) kept[reference.kind] = [...new Set([...(kept[reference.kind] ?? []), ...ids])];
  }
  return kept;
}
