import { isJsonObject } from '../document/json.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any field allows (JSON fields: 32 levels); checked before any recursive walk runs. */
export const MAX_INPUT_DEPTH = 64;
/** Enough to fix a request; a body of 50,000 bad strings does not get 50,000 messages. */
const MAX_PROBLEMS = 20;

/** A string PostgreSQL can store in text and jsonb: no NUL, no lone surrogate. */
export function isStorableString(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * Problems PostgreSQL would raise only at write time, found before anything else walks the input:
 * nesting past `maxDepth`, NUL characters and lone surrogates (they cannot be stored in text or
 * jsonb), and a `__proto__` key. Iterative, so any depth of input is safe to check.
 */
export function unstorableValues(value: unknown, maxDepth = MAX_INPUT_DEPTH): string[] {
  const problems: string[] = [];
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const [node, path, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isStorableString(node)) problems.push(`${path || 'body'} holds characters that cannot be stored (NUL or a lone surrogate)`);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) {
      problems.push(`${path || 'body'} is nested deeper than ${maxDepth} levels`);
      continue;
    }
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) stack.push([node[index], `${path}.${index}`.replace(/^\./, ''), depth + 1]);
      continue;
    }
    if (!isJsonObject(node)) continue;
    for (const key of Object.keys(node).reverse()) {
      const at = path ? `${path}.${key}` : key;
      if (key === '__proto__') problems.push(`${at}: the key __proto__ is not allowed`);
      else if (!isStorableString(key)) problems.push(`${at} (key) holds characters that cannot be stored (NUL or a lone surrogate)`);
      else stack.push([node[key], at, depth + 1]);
    }
  }
  return problems;
}
