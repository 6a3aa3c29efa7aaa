/** Text written as is while the walk below unwinds. */
class Raw {
  constructor(readonly text: string) {}
}

const COMMA = new Raw(',');
const CLOSE_ARRAY = new Raw(']');
const CLOSE_OBJECT = new Raw('}');

/**
 * JSON text with object keys sorted, so equal values give equal text whatever their key order:
 * what request hashes and content ids are made of. Iterative, so no input nests deep enough to
 * overflow the stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const next = stack.pop();
    if (next instanceof Raw) {
      out.push(next.text);
    } else if (Array.isArray(next)) {
      out.push('[');
      stack.push(CLOSE_ARRAY);
      for (let i = next.length - 1; i >= 0; i--) {
        stack.push(next[i] === undefined ? null : next[i]);
        if (i > 0) stack.push(COMMA);
      }
    } else if (typeof next === 'object' && next !== null) {
      const keys = Object.keys(next).filter((key) => (next as Record<string, unknown>)[key] !== undefined).sort();
      out.push('{');
      stack.push(CLOSE_OBJECT);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push((next as Record<string, unknown>)[keys[i]]);
        stack.push(new Raw(`${JSON.stringify(keys[i])}:`));
        if (i > 0) stack.push(COMMA);
      }
    } else {
      out.push(JSON.stringify(next) ?? 'null');
    }
  }
  return out.join('');
}
