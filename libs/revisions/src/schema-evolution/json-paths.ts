import { cloneJson, isJsonObject, own, setOwn, type Json, type JsonObject } from '../document/json.js';

/** The value at `path`, or undefined when any step is missing or not an object. */
export function valueAt(value: Json | undefined, path: readonly string[]): Json | undefined {
  let current = value;
  for (const key of path) current = isJsonObject(current) ? own(current, key) : undefined;
  return current;
}

/** A copy of `root` with `value` at `path` (objects along the path are copied or created). */
export function withValueAt(root: JsonObject, path: readonly string[], value: Json): JsonObject {
  const [key, ...rest] = path;
  const copy = { ...root };
  if (rest.length === 0) setOwn(copy, key, cloneJson(value));
  else {
    const child = own(root, key);
    setOwn(copy, key, withValueAt(isJsonObject(child) ? child : {}, rest, value));
  }
  return copy;
}

/** A copy of `root` without the key at `path`; `root` itself when there is nothing to remove. */
export function withoutValueAt(root: JsonObject, path: readonly string[]): JsonObject {
  const [key, ...rest] = path;
  if (!Object.hasOwn(root, key)) return root;
  const copy = { ...root };
  if (rest.length === 0) delete copy[key];
  else {
    const child = own(root, key);
    if (!isJsonObject(child)) return root;
    setOwn(copy, key, withoutValueAt(child, rest));
  }
  return copy;
}

export function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return path.length >= prefix.length && prefix.every((segment, i) => segment === path[i]);
}
