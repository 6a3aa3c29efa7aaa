import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonTexts } from './json-texts.js';

/** A value in which `shared` appears at several depths, and a deep copy of it once more. */
const sharing = (shared: unknown, other: unknown) => {
  const copy = structuredClone(shared);
  return { copy, value: { a: shared, b: [other, shared, { c: shared, d: [[shared]] }], e: { f: { g: { h: { i: shared } } } }, copy } };
};

describe('JsonTexts', () => {
  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(new JsonTexts().stringify(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('writes what JSON.stringify writes when values are shared and copies are aliased to their original', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (shared, other) => {
        const { copy, value } = sharing(shared, other);
        const texts = new JsonTexts();
        texts.alias(copy, shared);
        expect(texts.stringify(value)).toBe(JSON.stringify(value));
        expect(texts.stringify({ again: value })).toBe(JSON.stringify({ again: value }));
      }),
    );
  });

  it('follows JSON.stringify for undefined, functions, holes, toJSON and odd keys', () => {
    const hole = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const odd = JSON.parse('{"__proto__": {"x": [1]}, "constructor": [{}]}');
    const value = { u: undefined, f: () => 1, list: [undefined, () => 1, hole, [{ n: null }]], when: new Date(0), odd, n: [NaN, -0, 1e21] };
    expect(new JsonTexts().stringify(value)).toBe(JSON.stringify(value));
    expect(new JsonTexts().stringify(undefined)).toBe('null');
  });

  it('serialises a shared value once', () => {
    const list = Array.from({ length: 50_000 }, (_, i) => `item${i}`);
    const texts = new JsonTexts();
    const first = texts.stringify({ changes: [{ path: ['groupby'], to: list }] });
    const stringify = JSON.stringify;
    let calls = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => {
      if (args[0] === list) calls++;
      return stringify(...args);
    }) as typeof JSON.stringify;
    try {
      expect(texts.stringify([{ kind: 'dimension', to: list }])).toBe(stringify([{ kind: 'dimension', to: list }]));
    } finally {
      JSON.stringify = stringify;
    }
    expect(calls).toBe(0);
    expect(first).toContain(stringify(list));
  });
});
