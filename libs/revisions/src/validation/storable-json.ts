import { isJsonObject } from '../document/json.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Problems PostgreSQL would raise only at write time: NUL characters and lone surrogates cannot be
 * stored in text or jsonb, and a `__proto__` key is refused outright.
 */
export function unstorableValues(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') || LONE_SURROGATE.test(value) ? [`${path || 'body'} holds characters that cannot be stored (NUL or a lone surrogate)`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableValues(item, `${path}.${index}`));
  if (!isJsonObject(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    if (key === '__proto__') return [`${at}: the key __proto__ is not allowed`];
    return [...unstorableValues(key, `${at} (key)`), ...unstorableValues(value[key], at)];
  });
}
