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
 * jsonb), and a `__proto__` key. Iterative, so any depth of input is safe to check; a node's path
 * is spelled out only when it has a problem, so a 50,000-item list costs no 50,000 strings.
 */
export function unstorableValues(value: unknown, maxDepth = MAX_INPUT_DEPTH): string[] {
  const problems: string[] = [];
  const stack: Step[] = [{ node: value, parent: undefined, key: '', depth: 0 }];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const step = stack.pop()!;
    const { node, depth } = step;
    if (typeof node === 'string') {
      if (!isStorableString(node)) problems.push(`${pathOf(step) || 'body'} holds characters that cannot be stored (NUL or a lone surrogate)`);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) {
      problems.push(`${pathOf(step) || 'body'} is nested deeper than ${maxDepth} levels`);
      continue;
    }
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) {
        const item: unknown = node[index];
        // Scalars other than strings need no step of their own.
        if (typeof item === 'string' ? !isStorableString(item) : typeof item === 'object' && item !== null) stack.push({ node: item, parent: step, key: String(index), depth: depth + 1 });
      }
      continue;
    }
    if (!isJsonObject(node)) continue;
    for (const key of Object.keys(node).reverse()) {
      const child: Step = { node: node[key], parent: step, key, depth: depth + 1 };
      if (key === '__proto__') problems.push(`${pathOf(child)}: the key __proto__ is not allowed`);
      else if (!isStorableString(key)) problems.push(`${pathOf(child)} (key) holds characters that cannot be stored (NUL or a lone surrogate)`);
      else stack.push(child);
    }
  }
  return problems;
}

interface Step {
  node: unknown;
  parent: Step | undefined;
  key: string;
  depth: number;
}

/** `a.b.0.c`: the keys from the body down to `step`. */
function pathOf(step: Step): string {
  const keys: string[] = [];
  for (let at: Step | undefined = step; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}
