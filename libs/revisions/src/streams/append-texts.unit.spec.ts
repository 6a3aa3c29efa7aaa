import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '#revisions/document/apply-changes.js';
import { diffDocuments } from '#revisions/document/diff-documents.js';
import type { Json, JsonObject } from '#revisions/document/json.js';
import type { StateChange } from '#revisions/document/state-change.js';
import { appendTexts } from './append-texts.js';

const key = fc.constantFrom('a', 'b', 'c', 'list', '__proto__', 'constructor');
const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const documentOf = fc.dictionary(key, json) as fc.Arbitrary<JsonObject>;
/** Changes as any event may hold them, overlapping paths included (an import, a restore, an upcast). */
const changeOf: fc.Arbitrary<StateChange> = fc.record({
  op: fc.constantFrom('add', 'change', 'remove'),
  path: fc.array(key, { minLength: 1, maxLength: 3 }),
  from: json,
  to: json,
});

/** What an append serialises: the event data, the records and the delta read their values off `after`. */
function written(before: JsonObject, changes: StateChange[]) {
  const after = applyChanges(before, changes);
  const valueAt = (path: string[]) => path.reduce<Json | undefined>((value, name) => (value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, name) ? value[name] : undefined), after);
  const records = changes.map(({ op, path, from }) => ({ kind: 'field', op, path, from, to: valueAt(path) ?? null }));
  const delta = { fields: Object.fromEntries(changes.map(({ path }) => [path[0], after[path[0]] ?? null])), snapshot: { document: after } };
  return { after, parts: [{ changes }, records, delta, changes] };
}

describe('appendTexts', () => {
  it('writes each part of an append exactly as JSON.stringify does, for diffs of random documents', () => {
    fc.assert(
      fc.property(documentOf, documentOf, (before, next) => {
        const changes = diffDocuments(before, next);
        const { after, parts } = written(before, changes);
        const texts = appendTexts(after, changes);
        for (const part of parts) expect(texts.stringify(part)).toBe(JSON.stringify(part));
      }),
    );
  });

  it('an ancestor replaced after a change below it is not taken for that change\'s value', () => {
    const changes: StateChange[] = [
      { op: 'add', path: ['a', 'b'], from: {}, to: [] },
      { op: 'add', path: ['a'], from: {}, to: { b: [''] } },
    ];
    const { after, parts } = written({}, changes);
    const texts = appendTexts(after, changes);
    for (const part of parts) expect(texts.stringify(part)).toBe(JSON.stringify(part));
  });

  it('writes each part exactly as JSON.stringify does when changes overlap', () => {
    fc.assert(
      fc.property(documentOf, fc.array(changeOf, { maxLength: 6 }), (before, changes) => {
        const { after, parts } = written(before, changes);
        const texts = appendTexts(after, changes);
        for (const part of parts) expect(texts.stringify(part)).toBe(JSON.stringify(part));
      }),
      { numRuns: 1000 },
    );
  });
});
