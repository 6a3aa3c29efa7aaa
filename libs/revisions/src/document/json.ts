export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `null`, `""` and an absent key all mean "no value": switching between them is noise, not a change. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A key's own value: request bodies may use keys like `constructor` that objects inherit. */
export function own(object: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets an own property, even `__proto__`, without touching any prototype. */
export function setOwn(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Deep equality on JSON values, key order ignored, blanks equal to each other. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameJson(own(a, key), own(b, key))) return false;
    return true;
  }
  return a === b;
}

/** Plain-data deep copy; documents are small and never shared between requests. */
export function cloneJson<T extends Json>(value: T): T {
  return structuredClone(value);
}
