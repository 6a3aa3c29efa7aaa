/** Past this many JSON values, a document's save gives the event loop back between its phases. */
export const LARGE_JSON_VALUES = 10_000;

/** Whether `value` holds more than `limit` JSON values; counting stops there, so it costs at most that. */
export function isLargeJson(value: unknown, limit = LARGE_JSON_VALUES): boolean {
  let seen = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    seen += 1;
    if (typeof node !== 'object' || node === null) continue;
    const children = Array.isArray(node) ? node : Object.values(node);
    if (seen + children.length > limit) return true;
    for (const child of children) stack.push(child);
  }
  return false;
}

/**
 * Lets whatever waits (a `/health` probe, other requests) run before the next phase of a large
 * save, so a 50,000-item list makes them wait one phase of it, not the whole save.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
