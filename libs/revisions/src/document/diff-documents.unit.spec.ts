import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from './apply-changes.js';
import { diffDocuments } from './diff-documents.js';
import { isJsonObject, sameJson, type Json, type JsonObject } from './json.js';

/** Keys an ordinary object inherits ("constructor", "toString", "__proto__", …). */
const inheritedKey = (key: string) => key in {};

/** JSON objects as `JSON.parse` builds them, with keys that shadow nothing on Object.prototype. */
const ordinaryKey = fc.string({ maxLength: 6 }).filter((key) => !inheritedKey(key));
const jsonValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Json>(null, '', true, false, 0, 1, 'a', 'b'),
    fc.string({ maxLength: 4 }),
    fc.integer({ min: -3, max: 3 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(ordinaryKey, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;
const jsonObject = fc.dictionary(ordinaryKey, jsonValue, { maxKeys: 6, noNullPrototype: true }) as fc.Arbitrary<JsonObject>;

/** Every key of every object in `value`, at any depth. */
const allKeys = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(allKeys) : value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]) : [];
/** fast-check's own JSON values (unicode keys, -0, deep nesting), minus keys inherited from Object.prototype. */
const parsedJsonObject = fc
  .dictionary(ordinaryKey, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6, noNullPrototype: true })
  .filter((value) => !allKeys(value).some(inheritedKey)) as fc.Arbitrary<JsonObject>;

/** An edit deep inside a document: walk `steps` down through objects, then drop or set a key there. */
interface Edit {
  steps: number[];
  drop: boolean;
  key: string;
  value: Json;
}
const editStep: fc.Arbitrary<Edit> = fc.record({ steps: fc.array(fc.nat(), { maxLength: 4 }), drop: fc.boolean(), key: ordinaryKey, value: jsonValue });
function applyEdit(document: JsonObject, { steps, drop, key, value }: Edit): void {
  let node = document;
  for (const step of steps) {
    const nested = Object.keys(node).filter((k) => isJsonObject(node[k]));
    if (nested.length === 0) break;
    node = node[nested[step % nested.length]] as JsonObject;
  }
  const keys = Object.keys(node);
  if (drop && keys.length) delete node[keys[(steps[0] ?? 0) % keys.length]];
  else node[keys.length && !drop && steps.length % 2 ? keys[steps.length % keys.length] : key] = value;
}

/** Two objects that share most of their structure, so the diff walks deep rather than replacing. */
const relatedPair = fc.tuple(jsonObject, fc.array(editStep, { minLength: 1, maxLength: 5 })).map(([a, edits]) => {
  const b = structuredClone(a);
  for (const edit of edits) applyEdit(b, edit);
  return [a, b] as const;
});

describe('diffDocuments', () => {
  it('reports a changed scalar with its old and new value', () => {
    expect(diffDocuments({ title: 'Sales', published: false }, { title: 'Revenue', published: false })).toEqual([
      { op: 'change', path: ['title'], from: 'Sales', to: 'Revenue' },
    ]);
  });

  it('walks JSON objects key by key: add, remove and change at the deepest differing path', () => {
    const before = { params: { time_range: 'Last week', color_scheme: 'bnbColors', extra: { a: 1, b: 2 } } };
    const after = { params: { time_range: 'Last month', groupby: ['country'], extra: { a: 1, b: 3 } } };
    const changes = diffDocuments(before, after);
    expect(changes).toHaveLength(4);
    expect(changes).toEqual(
      expect.arrayContaining([
        { op: 'change', path: ['params', 'time_range'], from: 'Last week', to: 'Last month' },
        { op: 'remove', path: ['params', 'color_scheme'], from: 'bnbColors', to: null },
        { op: 'add', path: ['params', 'groupby'], from: null, to: ['country'] },
        { op: 'change', path: ['params', 'extra', 'b'], from: 2, to: 3 },
      ]),
    );
  });

  it('compares arrays whole, never by index', () => {
    const changes = diffDocuments({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'x', 'c'] });
    expect(changes).toEqual([{ op: 'change', path: ['tags'], from: ['a', 'b', 'c'], to: ['a', 'x', 'c'] }]);
  });

  it('keys collection items by natural key: paths name the child, never a position', () => {
    const before = { columns: { country: { type: 'TEXT', isDttm: false }, ds: { type: 'DATE', isDttm: true } }, chartIds: { c1: {} } };
    const after = { columns: { country: { type: 'VARCHAR', isDttm: false }, city: { type: 'TEXT', isDttm: false } }, chartIds: { c2: {} } };
    const changes = diffDocuments(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { op: 'change', path: ['columns', 'country', 'type'], from: 'TEXT', to: 'VARCHAR' },
        { op: 'remove', path: ['columns', 'ds'], from: { type: 'DATE', isDttm: true }, to: null },
        { op: 'add', path: ['columns', 'city'], from: null, to: { type: 'TEXT', isDttm: false } },
        { op: 'remove', path: ['chartIds', 'c1'], from: {}, to: null },
        { op: 'add', path: ['chartIds', 'c2'], from: null, to: {} },
      ]),
    );
    expect(changes).toHaveLength(5);
    for (const { path } of changes) expect(path.some((key) => /^\d+$/.test(key))).toBe(false);
  });

  it('treats null, "" and an absent key as the same blank value', () => {
    expect(diffDocuments({ description: null }, { description: '' })).toEqual([]);
    expect(diffDocuments({ description: '' }, { description: null })).toEqual([]);
    expect(diffDocuments({ description: null }, {})).toEqual([]);
    expect(diffDocuments({}, { description: null })).toEqual([]);
    expect(diffDocuments({ params: { x: '' } }, { params: {} })).toEqual([]);
    expect(diffDocuments({ description: null }, { description: 'x' })).toEqual([{ op: 'change', path: ['description'], from: null, to: 'x' }]);
  });

  it('reports a blank value replaced by an object or an object emptied to blank', () => {
    expect(diffDocuments({ currency: null }, { currency: { symbol: 'EUR' } })).toEqual([
      { op: 'change', path: ['currency'], from: null, to: { symbol: 'EUR' } },
    ]);
  });

  it('applying the diff of two related documents gives the second one', () => {
    fc.assert(
      fc.property(relatedPair, ([a, b]) => {
        expect(sameJson(applyChanges(a, diffDocuments(a, b)), b)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('applying the diff of two arbitrary JSON objects gives the second one', () => {
    fc.assert(
      fc.property(parsedJsonObject, parsedJsonObject, (a, b) => {
        expect(sameJson(applyChanges(a, diffDocuments(a, b)), b)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds nothing between a document and itself or its copy', () => {
    fc.assert(
      fc.property(fc.oneof(jsonObject, parsedJsonObject), (a) => {
        expect(diffDocuments(a, a)).toEqual([]);
        expect(diffDocuments(a, structuredClone(a))).toEqual([]);
      }),
    );
  });

  it('never leaves an undiffed pair: an empty diff means the documents are the same', () => {
    fc.assert(
      fc.property(relatedPair, ([a, b]) => {
        expect(diffDocuments(a, b).length === 0).toBe(sameJson(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('does not mutate its inputs, and applyChanges does not mutate the document it is given', () => {
    fc.assert(
      fc.property(relatedPair, ([a, b]) => {
        const [aCopy, bCopy] = [structuredClone(a), structuredClone(b)];
        applyChanges(a, diffDocuments(a, b));
        expect(a).toEqual(aCopy);
        expect(b).toEqual(bCopy);
      }),
      { numRuns: 200 },
    );
  });

  // JSON.parse gives own properties for any key, so chart params / dashboard layout keys named
  // like Object.prototype members are ordinary data and must be diffed like any other key.
  describe('keys named like Object.prototype members', () => {
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

    const withKey = (name: string) => JSON.parse(`{"params": {${JSON.stringify(name)}: "x"}}`) as JsonObject;

    it('an added key is reported', () => {
      const diffs = Object.fromEntries(names.map((name) => [name, diffDocuments({ params: {} }, withKey(name))]));
      expect(diffs).toEqual(Object.fromEntries(names.map((name) => [name, [{ op: 'add', path: ['params', name], from: null, to: 'x' }]])));
    });

    it('a removed key is reported as a JSON-safe remove that applyChanges can replay', () => {
      const diffs = Object.fromEntries(names.map((name) => [name, diffDocuments(withKey(name), { params: {} })]));
      expect(diffs).toEqual(Object.fromEntries(names.map((name) => [name, [{ op: 'remove', path: ['params', name], from: 'x', to: null }]])));
      for (const name of names) expect(applyChanges(withKey(name), diffs[name])).toEqual({ params: {} });
    });

    it('applyChanges never writes through an inherited __proto__ onto Object.prototype', () => {
      try {
        const result = applyChanges({ params: {} }, [{ op: 'add', path: ['params', '__proto__', 'polluted'], from: null, to: 'yes' }]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(result.params)).toEqual(['__proto__']);
      } finally {
        delete (Object.prototype as Record<string, unknown>).polluted;
      }
    });
  });
});
