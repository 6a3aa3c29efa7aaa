import { cloneJson, isJsonObject, own, setOwn, type JsonObject } from './json.js';
import type { StateChange } from './state-change.js';

/**
 * Folds changes into `document` without touching it: objects along each changed path are copied,
 * everything else is shared with the input (documents are never mutated once built), so a
 * 1-field edit of a 50 KB dashboard copies a few small objects, not the dashboard.
 */
export function applyChanges(document: JsonObject, changes: readonly StateChange[]): JsonObject {
  const result = { ...document };
  const copied = new Set<JsonObject>([result]);
  for (const change of changes) applyChange(result, copied, change);
  return result;
}

function applyChange(root: JsonObject, copied: Set<JsonObject>, { op, path, to }: StateChange): void {
  let parent = root;
  for (const key of path.slice(0, -1)) {
    const current = own(parent, key);
    if (isJsonObject(current) && copied.has(current)) {
      parent = current;
      continue;
    }
    const next: JsonObject = isJsonObject(current) ? { ...current } : {};
    copied.add(next);
    setOwn(parent, key, next);
    parent = next;
  }
  const leaf = path[path.length - 1];
  if (op === 'remove') delete parent[leaf];
  else setOwn(parent, leaf, cloneJson(to));
}
