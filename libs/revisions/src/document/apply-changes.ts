import { cloneJson, isJsonObject, own, setOwn, type JsonObject } from './json.js';
import type { StateChange } from './state-change.js';

/** Folds changes into a copy of `document`; the inverse of `diffDocuments`. */
export function applyChanges(document: JsonObject, changes: readonly StateChange[]): JsonObject {
  const result = cloneJson(document);
  for (const change of changes) applyChange(result, change);
  return result;
}

function applyChange(document: JsonObject, { op, path, to }: StateChange): void {
  let parent = document;
  for (const key of path.slice(0, -1)) {
    let next = own(parent, key);
    if (!isJsonObject(next)) setOwn(parent, key, (next = {}));
    parent = next;
  }
  const leaf = path[path.length - 1];
  if (op === 'remove') delete parent[leaf];
  else setOwn(parent, leaf, cloneJson(to));
}
