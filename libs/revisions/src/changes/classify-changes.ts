import { isJsonObject, own, sameJson, type Json, type JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';
import type { ChangeRecord } from './change-record.js';
import type { ChangeRule } from './change-rule.js';

/**
 * Turns raw state changes into change records by a kind's rules. Pure and deterministic: a
 * projection rebuild classifies the same events into the same records.
 */
export function classifyChanges(rules: readonly ChangeRule[], changes: readonly StateChange[], before: JsonObject, after: JsonObject): ChangeRecord[] {
  const records: ChangeRecord[] = [];
  const reported = new Set<string>();
  for (const change of changes) {
    const rule = rules.find((candidate) => matches(candidate.path, change.path));
    if (!rule) {
      records.push({ kind: 'field', ...change });
      continue;
    }
    const prefix = change.path.slice(0, rule.path.length);
    const id = JSON.stringify(prefix);
    if (reported.has(id)) continue;
    reported.add(id);
    const from = valueAt(before, prefix);
    const to = valueAt(after, prefix);
    if (rule.listKey && (Array.isArray(from) || Array.isArray(to))) records.push(...listRecords(rule, prefix, from, to));
    else records.push(record(rule, prefix, from, to));
  }
  return records;
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  return path.length >= pattern.length && pattern.every((segment, i) => segment === '*' || segment === path[i]);
}

function valueAt(document: JsonObject, path: readonly string[]): Json | undefined {
  let value: Json | undefined = document;
  for (const key of path) value = isJsonObject(value) ? own(value, key) : undefined;
  return value;
}

function record(rule: ChangeRule, path: string[], from: Json | undefined, to: Json | undefined): ChangeRecord {
  const op = from === undefined || from === null ? 'add' : to === undefined || to === null ? 'remove' : 'change';
  const kind = typeof rule.kind === 'function' ? rule.kind(from ?? null, to ?? null) : rule.kind;
  return { kind, op, path, from: from ?? null, to: to ?? null };
}

/** A list compared by natural key: one record per added, removed or changed item. */
function listRecords(rule: ChangeRule, path: string[], from: Json | undefined, to: Json | undefined): ChangeRecord[] {
  const before = keyed(rule, from);
  const after = keyed(rule, to);
  const records: ChangeRecord[] = [];
  for (const [key, item] of before) {
    if (!after.has(key)) records.push(record(rule, [...path, key], item, null));
    else if (!sameJson(item, after.get(key))) records.push(record(rule, [...path, key], item, after.get(key)!));
  }
  for (const [key, item] of after) if (!before.has(key)) records.push(record(rule, [...path, key], null, item));
  return records;
}

function keyed(rule: ChangeRule, list: Json | undefined): Map<string, Json> {
  const items = new Map<string, Json>();
  for (const item of Array.isArray(list) ? list : []) {
    const key = rule.listKey!(item);
    let unique = key;
    for (let n = 2; items.has(unique); n++) unique = `${key}#${n}`; // two items with one key stay apart
    items.set(unique, item);
  }
  return items;
}
