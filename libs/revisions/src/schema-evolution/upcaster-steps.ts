import { cloneJson, isJsonObject, sameJson, type Json, type JsonObject } from '../document/json.js';
import type { ChangeOp, StateChange } from '../document/state-change.js';
import { startsWith, valueAt, withoutValueAt, withValueAt } from './json-paths.js';
import type { Upcaster } from './upcaster.js';

/**
 * Upcasters for the usual definition changes. Each returns both halves (document and changes), so
 * they agree by construction; docs/schema-evolution.md shows which to use when, and a hand-written
 * `Upcaster` is fine for anything else.
 */
export const upcast = {
  /** New top-level fields: older documents get the default. Changes need nothing. */
  addFields(defaults: JsonObject): Upcaster {
    return {
      description: `added ${Object.keys(defaults).join(', ')}`,
      document: (document) => withDefaults(document, defaults),
      changes: (changes) => [...changes],
    };
  },

  /** New properties on every child of a keyed collection (a dataset column's `isActive`). */
  addItemFields(collection: string, defaults: JsonObject): Upcaster {
    const fill = (item: Json): Json => (isJsonObject(item) ? withDefaults(item, defaults) : item);
    return {
      description: `added ${Object.keys(defaults).map((name) => `${collection}.*.${name}`).join(', ')}`,
      document: (document) => mapObject(document, collection, (items) => Object.fromEntries(Object.entries(items).map(([key, item]) => [key, fill(item)]))),
      // A whole child added or removed carries the item; deeper changes touch one property only.
      changes: (changes) => changes.map((change) => (change.path.length === 2 && change.path[0] === collection ? { ...change, from: fill(change.from), to: fill(change.to) } : change)),
    };
  },

  renameField(from: string, to: string): Upcaster {
    return { ...upcast.moveField([from], [to]), description: `renamed ${from} to ${to}` };
  },

  /**
   * Moves the value at one path to another (a rename is a move of a top-level field). The target
   * must be a place older documents never use (a new field, or a new key in one), because a change
   * written there before the move cannot know the moved value.
   */
  moveField(from: readonly string[], to: readonly string[]): Upcaster {
    const topLevelTarget = to.length === 1;
    // Every document has all top-level fields; a nested key may be absent.
    const place = (document: JsonObject, value: Json | undefined) =>
      value === undefined && !topLevelTarget ? document : withValueAt(document, to, value ?? null);
    return {
      description: `moved ${from.join('.')} to ${to.join('.')}`,
      document: (document) => place(withoutValueAt(document, from), valueAt(document, from)),
      changes: (changes) => changes.flatMap((change) => moveChange(change, from, to, topLevelTarget)),
    };
  },

  /** One scalar field becomes several, each computed from the old value (`fullName` → `firstName`, `lastName`). */
  splitField(name: string, into: Record<string, (value: Json) => Json>): Upcaster {
    const parts = Object.entries(into);
    return {
      description: `split ${name} into ${parts.map(([part]) => part).join(', ')}`,
      document: (document) => {
        const { [name]: value, ...rest } = document;
        return Object.fromEntries([...Object.entries(rest), ...parts.map(([part, compute]) => [part, compute(value ?? null)])]);
      },
      changes: (changes) =>
        changes.flatMap((change) => {
          if (change.path[0] !== name) return [change];
          if (change.path.length > 1) throw new Error(`splitField(${name}) needs whole values, got a change at ${change.path.join('.')}`);
          return parts
            .map(([part, compute]): StateChange => ({ op: 'change', path: [part], from: compute(change.from), to: compute(change.to) }))
            .filter((split) => !sameJson(split.from, split.to));
        }),
    };
  },

  /** The natural key of a collection's children changes (`newKey` of the old key; it must not collide). */
  rekeyChildren(collection: string, newKey: (oldKey: string) => string): Upcaster {
    return {
      description: `re-keyed ${collection}`,
      document: (document) => mapObject(document, collection, (items) => Object.fromEntries(Object.entries(items).map(([key, item]) => [newKey(key), item]))),
      changes: (changes) =>
        changes.map((change) => {
          const [name, key, ...rest] = change.path;
          return name === collection && key !== undefined ? { ...change, path: [name, newKey(key), ...rest] } : change;
        }),
    };
  },

  /** Several steps released together as one schema version. */
  combine(...steps: Upcaster[]): Upcaster {
    return {
      description: steps.map((step) => step.description).join('; '),
      document: (document) => steps.reduce((lifted, step) => step.document(lifted), document),
      changes: (changes) => steps.reduce<StateChange[]>((lifted, step) => step.changes(lifted), [...changes]),
    };
  },
};

function withDefaults(object: JsonObject, defaults: JsonObject): JsonObject {
  const missing = Object.entries(defaults).filter(([name]) => !Object.hasOwn(object, name));
  return missing.length ? { ...object, ...Object.fromEntries(missing.map(([name, value]) => [name, cloneJson(value)])) } : object;
}

function mapObject(document: JsonObject, name: string, map: (items: JsonObject) => JsonObject): JsonObject {
  const items = document[name];
  return isJsonObject(items) ? { ...document, [name]: map(items) } : document;
}

/**
 * A change under the moved path moves with it. A change above it (a whole object replaced) is split:
 * the object without the moved key stays, and the moved key's values go to the target.
 */
function moveChange(change: StateChange, from: readonly string[], to: readonly string[], topLevelTarget: boolean): StateChange[] {
  if (startsWith(change.path, from)) {
    const moved = { ...change, path: [...to, ...change.path.slice(from.length)] };
    // A nested key that goes away leaves a top-level field blank, never missing.
    return topLevelTarget && moved.path.length === 1 && change.op === 'remove' ? [{ ...moved, op: 'change', to: null }] : [moved];
  }
  if (!startsWith(from, change.path)) return [change];
  const inner = from.slice(change.path.length);
  const strip = (value: Json) => (isJsonObject(value) ? withoutValueAt(value, inner) : value);
  const rest = { ...change, from: strip(change.from), to: strip(change.to) };
  const movedFrom = valueAt(change.from, inner);
  const movedTo = valueAt(change.to, inner);
  const result = sameJson(rest.from, rest.to) && change.op === 'change' ? [] : [rest];
  if (movedFrom === undefined && movedTo === undefined) return result;
  const op: ChangeOp = topLevelTarget ? 'change' : movedFrom === undefined ? 'add' : movedTo === undefined ? 'remove' : 'change';
  return [...result, { op, path: [...to], from: movedFrom ?? null, to: movedTo ?? null }];
}
