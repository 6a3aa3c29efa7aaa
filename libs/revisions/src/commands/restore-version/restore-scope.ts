import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { JsonObject } from '#revisions/document/json.js';

/**
 * The document a restore writes: the target's restorable fields and collections over the current
 * document, whose other fields (owners, tags) stay as they are.
 */
export function restoreScope(definition: EntityDefinition, current: JsonObject, target: JsonObject): JsonObject {
  const restored = { ...current };
  for (const [name, spec] of Object.entries(definition.fields)) if (spec.restorable) restored[name] = structuredClone(target[name]);
  for (const [name, spec] of Object.entries(definition.collections)) if (spec.restorable) restored[name] = structuredClone(target[name] ?? {});
  return restored;
}
