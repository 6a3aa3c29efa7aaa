import { isJsonObject, own, sameJson, type Json, type JsonObject } from './json.js';
import type { StateChange } from './state-change.js';

/**
 * Differences from `before` to `after`: objects are walked key by key (collections are objects
 * keyed by natural key, so no list index ever appears in a path); arrays and scalars are compared
 * whole. Blank-to-blank switches are dropped. Top-level keys come in `order` (a definition's field
 * order) and nested keys sorted, so the same two states always give the same list.
 */
export function diffDocuments(before: JsonObject, after: JsonObject, order?: readonly string[]): StateChange[] {
  const changes: StateChange[] = [];
  const keys = order ?? sortedKeys(before, after);
  for (const key of keys) diffValue([key], own(before, key), own(after, key), changes);
  return changes;
}

function sortedKeys(before: JsonObject, after: JsonObject): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
}

function diffValue(path: string[], from: Json | undefined, to: Json | undefined, out: StateChange[]): void {
  if (sameJson(from, to)) return;
  if (isJsonObject(from) && isJsonObject(to)) {
    for (const key of sortedKeys(from, to)) diffValue([...path, key], own(from, key), own(to, key), out);
  } else if (from === undefined) out.push({ op: 'add', path, from: null, to: to as Json });
  else if (to === undefined) out.push({ op: 'remove', path, from, to: null });
  else out.push({ op: 'change', path, from, to });
}
