import { isJsonObject, sameJson, type Json, type JsonObject } from './json.js';
import type { StateChange } from './state-change.js';

/**
 * Differences from `before` to `after`: objects are walked key by key (collections are objects
 * keyed by natural key, so no list index ever appears in a path); arrays and scalars are compared
 * whole. Blank-to-blank switches are dropped.
 */
export function diffDocuments(before: JsonObject, after: JsonObject): StateChange[] {
  const changes: StateChange[] = [];
  diffObject([], before, after, changes);
  return changes;
}

function diffObject(path: string[], before: JsonObject, after: JsonObject, out: StateChange[]): void {
  for (const key of Object.keys(before)) diffValue([...path, key], before[key], key in after ? after[key] : undefined, out);
  for (const key of Object.keys(after)) if (!(key in before)) diffValue([...path, key], undefined, after[key], out);
}

function diffValue(path: string[], from: Json | undefined, to: Json | undefined, out: StateChange[]): void {
  if (sameJson(from, to)) return;
  if (isJsonObject(from) && isJsonObject(to)) return diffObject(path, from, to, out);
  if (from === undefined) out.push({ op: 'add', path, from: null, to: to as Json });
  else if (to === undefined) out.push({ op: 'remove', path, from, to: null });
  else out.push({ op: 'change', path, from, to });
}
