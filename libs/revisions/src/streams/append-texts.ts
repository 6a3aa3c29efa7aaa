import { JsonTexts } from '#revisions/document/json-texts.js';
import { isJsonObject, own, type Json, type JsonObject } from '#revisions/document/json.js';
import type { StateChange } from '#revisions/document/state-change.js';

/**
 * The texts of one append. Applying a change puts a deep copy of its `to` into `after`; the change
 * records and the projection delta read their values from `after`, so each copy is marked as
 * having its change's text and a 50,000-item list is serialised once, not three times. A copy is
 * marked only when no other change of the event lies at, below or above its path (which would make
 * the value at that path something else than the copy).
 */
export function appendTexts(after: JsonObject, changes: readonly StateChange[]): JsonTexts {
  const texts = new JsonTexts();
  // `touched`: changes at or below each path; `exact`: paths some change sets as a whole.
  const touched = new Map<string, number>();
  const exact = new Set<string>();
  for (const { path } of changes) {
    for (let depth = 1; depth <= path.length; depth++) {
      const key = keyOf(path, depth);
      touched.set(key, (touched.get(key) ?? 0) + 1);
    }
    exact.add(keyOf(path, path.length));
  }
  // A change above the path (an ancestor replaced after it) makes the value there something else, too.
  const aboveIt = (path: readonly string[]) => path.slice(0, -1).some((_, depth) => exact.has(keyOf(path, depth + 1)));
  for (const { op, path, to } of changes) {
    if (op !== 'remove' && touched.get(keyOf(path, path.length)) === 1 && !aboveIt(path)) texts.alias(valueAt(after, path), to);
  }
  return texts;
}

/** Keys are storable strings (no NUL), so NUL separates them unambiguously. */
function keyOf(path: readonly string[], depth: number): string {
  return path.slice(0, depth).join('\u0000');
}

function valueAt(document: JsonObject, path: readonly string[]): Json | undefined {
  let value: Json | undefined = document;
  for (const key of path) value = isJsonObject(value) ? own(value, key) : undefined;
  return value;
}
