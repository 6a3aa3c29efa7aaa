import { describe, expect, it } from 'vitest';
import { diffLines, stableJson } from './line-diff';

describe('side-by-side line diff', () => {
  it('keeps common lines and pairs a replaced line as a change', () => {
    expect(diffLines('select a\nfrom t\nwhere x', 'select a, b\nfrom t\nwhere x\nlimit 5').map((row) => row.type)).toEqual(['changed', 'same', 'same', 'added']);
  });
  it('numbers each side on its own', () => {
    const rows = diffLines('a\nb\nc', 'a\nc');
    expect(rows).toEqual([
      { type: 'same', left: 'a', right: 'a', leftNo: 1, rightNo: 1 },
      { type: 'removed', left: 'b', leftNo: 2, right: undefined, rightNo: undefined },
      { type: 'same', left: 'c', right: 'c', leftNo: 3, rightNo: 2 },
    ]);
  });
  it('can ignore the comma a JSON line gains when an item follows it', () => {
    expect(diffLines('[\n  "a"\n]', '[\n  "a",\n  "b"\n]', { ignoreTrailingComma: true }).map((row) => row.type)).toEqual(['same', 'same', 'added', 'same']);
  });
  it('prints JSON with sorted keys so key order is never a difference', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(diffLines(stableJson({ a: 1, b: 2 }), stableJson({ b: 2, a: 1 })).every((row) => row.type === 'same')).toBe(true);
  });
});
