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

/** Deep equality on JSON values, key order ignored, blanks equal to each other. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameJson(a[key], b[key])) return false;
    return true;
  }
  return a === b;
}

/** Plain-data deep copy; documents are small and never shared between requests. */
export function cloneJson<T extends Json>(value: T): T {
  return structuredClone(value);
}
