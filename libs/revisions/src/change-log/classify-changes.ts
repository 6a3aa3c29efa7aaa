import { createHash } from 'node:crypto';
import { diffDocuments } from '../document/diff-documents.js';
import { canonicalJson } from '../document/canonical-json.js';
import { isJsonObject, own, sameJson, type Json, type JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';
import type { ChangeRecord } from './change-record.js';
import type { ChangeRule } from './change-rule.js';

/**
 * Bounds on the records of one version, so one save of a huge list cannot write (and every
 * versions page then read) tens of thousands of rows. Past either bound the diff stays exact: the
 * whole values are recorded, just in fewer records. See docs/decisions.md.
 */
export const MAX_LIST_ITEM_RECORDS = 100;
export const MAX_RECORDS_PER_VERSION = 500;

/**
 * Turns raw state changes into change records by a kind's rules. Pure and deterministic: a
 * projection rebuild classifies the same events into the same records. Linear in the size of the
 * changed lists (keyed by hash maps), whatever their length.
 */
export function classifyChanges(rules: readonly ChangeRule[], changes: readonly StateChange[], before: JsonObject, after: JsonObject): ChangeRecord[] {
  const records = recordsByRule(rules, changes, before, after);
  return records.length > MAX_RECORDS_PER_VERSION ? recordsPerField(records, before, after) : records;
}

function recordsByRule(rules: readonly ChangeRule[], changes: readonly StateChange[], before: JsonObject, after: JsonObject): ChangeRecord[] {
  const records: ChangeRecord[] = [];
  const reported = new Set<string>();
  for (const change of changes.flatMap((raw) => deepenToRules(rules, raw))) {
    const rule = rules.find((candidate) => matches(candidate.path, change.path));
    if (!rule) {
      // Top-level fields always exist, so they change; a nested key appears or goes away.
      records.push({ kind: 'field', ...change, op: change.path.length > 1 ? opOf(change.from, change.to) : change.op });
      continue;
    }
    const prefix = change.path.slice(0, rule.path.length);
    const id = JSON.stringify(prefix);
    if (reported.has(id)) continue;
    reported.add(id);
    const from = valueAt(before, prefix);
    const to = valueAt(after, prefix);
    if (rule.listKey && (Array.isArray(from) || Array.isArray(to))) {
      // A large list edit is one record carrying both whole lists.
      records.push(...(listRecords(rule, prefix, from, to, MAX_LIST_ITEM_RECORDS) ?? [record(rule, prefix, from, to)]));
    }
    else records.push(record(rule, prefix, from, to));
  }
  return records;
}

/**
 * The kind and op of one change at a record's depth (a stored record lifted to a newer schema),
 * read from the rules as `classifyChanges` reads them: a rule's kind and the op of its values, or a
 * `field` change.
 */
export function classifyRecord(rules: readonly ChangeRule[], change: StateChange): ChangeRecord {
  const rule = rules.find((candidate) => matches(candidate.path, change.path));
  if (!rule) return { kind: 'field', ...change, op: change.path.length > 1 ? opOf(change.from, change.to) : change.op };
  return { ...record(rule, change.path, change.from, change.to), path: change.path };
}

/**
 * A change above a rule's depth (a whole `chart_configuration` object appearing) is split into the
 * changes of its keys, so it is reported per key like any later edit of it.
 */
function deepenToRules(rules: readonly ChangeRule[], change: StateChange): StateChange[] {
  const below = rules.some((rule) => rule.path.length > change.path.length && matches(rule.path.slice(0, change.path.length), change.path));
  if (!below || !(isJsonObject(change.from) || isJsonObject(change.to))) return [change];
  const from = isJsonObject(change.from) ? change.from : {};
  const to = isJsonObject(change.to) ? change.to : {};
  return diffDocuments(from, to)
    .map((inner) => ({ ...inner, path: [...change.path, ...inner.path] }))
    .flatMap((inner) => deepenToRules(rules, inner));
}

function opOf(from: Json | undefined, to: Json | undefined): ChangeRecord['op'] {
  return from === undefined || from === null ? 'add' : to === undefined || to === null ? 'remove' : 'change';
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
  const op = opOf(from, to);
  const kind = typeof rule.kind === 'function' ? rule.kind(from ?? null, to ?? null) : rule.kind;
  return { kind, op, path, from: from ?? null, to: to ?? null };
}

/**
 * A list compared by natural key: one record per added, removed or changed item; undefined as soon
 * as there would be more than `limit` (the caller then records the whole list), so a 50,000-item
 * rewrite builds no records it throws away.
 */
function listRecords(rule: ChangeRule, path: string[], from: Json | undefined, to: Json | undefined, limit: number): ChangeRecord[] | undefined {
  const fromItems = Array.isArray(from) ? from : [];
  const toItems = Array.isArray(to) ? to : [];
  if (Math.abs(fromItems.length - toItems.length) > limit) return undefined;
  const toKeys = toItems.map((item) => rule.listKey!(item));
  // Each item whose key the other list lacks makes a record, however duplicate keys are told apart:
  // past `limit` of them the answer is known before any map is built.
  const toKeySet = new Set(toKeys);
  const fromKeys: string[] = [];
  let gone = 0;
  for (const item of fromItems) {
    const key = rule.listKey!(item);
    if (!toKeySet.has(key) && ++gone > limit) return undefined;
    fromKeys.push(key);
  }
  const shared = sharedKeys([fromKeys, toKeys]);
  const before = keyed(fromItems, fromKeys, shared);
  const after = keyed(toItems, toKeys, shared);
  const records: ChangeRecord[] = [];
  for (const [key, item] of before) {
    const next = after.get(key);
    if (next === undefined) records.push(record(rule, [...path, key], item, null));
    else if (!sameJson(item, next)) records.push(record(rule, [...path, key], item, next));
    if (records.length > limit) return undefined;
  }
  for (const [key, item] of after) {
    if (!before.has(key)) records.push(record(rule, [...path, key], null, item));
    if (records.length > limit) return undefined;
  }
  return records;
}

/** Natural keys that more than one item of either list has (two filters on one column). */
function sharedKeys(lists: readonly string[][]): Set<string> {
  const shared = new Set<string>();
  for (const keys of lists) {
    const seen = new Set<string>();
    for (const key of keys) (seen.has(key) ? shared : seen).add(key);
  }
  return shared;
}

/**
 * Too many records for one version: one record per changed top-level field instead, with its
 * whole values, of the records' kind when they share one (else `field`).
 */
function recordsPerField(records: ChangeRecord[], before: JsonObject, after: JsonObject): ChangeRecord[] {
  const kinds = new Map<string, Set<ChangeRecord['kind']>>();
  for (const { path, kind } of records) kinds.set(path[0], (kinds.get(path[0]) ?? new Set()).add(kind));
  return [...kinds].map(([name, kindsOfField]) => {
    const from = own(before, name) ?? null;
    const to = own(after, name) ?? null;
    return { kind: kindsOfField.size === 1 ? [...kindsOfField][0] : 'field', op: opOf(from, to), path: [name], from, to };
  });
}

/**
 * Items by natural key. Items whose key is shared, in either version of the list, are told apart
 * by their content, not their position, so reordering a list changes nothing.
 */
function keyed(items: readonly Json[], keys: readonly string[], shared: ReadonlySet<string>): Map<string, Json> {
  const byKey = new Map<string, Json>();
  items.forEach((item, i) => byKey.set(shared.has(keys[i]) ? `${keys[i]}#${contentId(item)}` : keys[i], item));
  return byKey;
}

function contentId(item: Json): string {
  return createHash('sha1').update(canonicalJson(item)).digest('hex').slice(0, 8);
}
