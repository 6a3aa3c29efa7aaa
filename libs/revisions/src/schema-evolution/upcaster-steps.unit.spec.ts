import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../document/apply-changes.js';
import { diffDocuments } from '../document/diff-documents.js';
import { sameJson, type Json, type JsonObject } from '../document/json.js';
import type { Upcaster } from './upcaster.js';
import { upcast } from './upcaster-steps.js';

const key = fc.constantFrom('a', 'b', 'c', 'style', 'color', 'size');
const scalar = fc.oneof(fc.constant(null), fc.constantFrom('', 'red', 'blue', 'Ada Lovelace', 'Grace'), fc.integer({ min: 0, max: 3 }), fc.boolean());
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 2 }), fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true })),
})).value;
const item = fc.record({ size: fc.integer({ min: 0, max: 3 }), label: fc.option(fc.constantFrom('x', 'y'), { nil: null }) }) as fc.Arbitrary<JsonObject>;

/** A document of a small kind: scalars, a JSON object, a keyed collection. */
const document = fc.record({
  name: fc.option(fc.constantFrom('Sales', 'Ops'), { nil: null }),
  color: fc.option(fc.constantFrom('red', 'blue'), { nil: null }),
  fullName: fc.option(fc.constantFrom('Ada Lovelace', 'Grace Brewster Hopper', 'Plato'), { nil: null }),
  options: fc.dictionary(key, json, { maxKeys: 4, noNullPrototype: true }),
  tiles: fc.dictionary(fc.constantFrom('1', '2', '3'), item, { maxKeys: 3, noNullPrototype: true }),
}) as fc.Arbitrary<JsonObject>;

/**
 * The law every upcaster keeps: lifting the changes between two documents and applying them to the
 * lifted first document gives the lifted second one (fold(upcast(events)) = upgrade(fold(events))).
 */
function expectFoldCommutes(step: Upcaster) {
  fc.assert(
    fc.property(document, document, (before, after) => {
      const lifted = applyChanges(step.document(before), step.changes(diffDocuments(before, after)));
      expect(sameJson(lifted, step.document(after)), JSON.stringify({ lifted, expected: step.document(after) })).toBe(true);
    }),
    { numRuns: 300 },
  );
}

describe('upcaster steps', () => {
  it('renameField: the value moves, the old name is gone', () => {
    const step = upcast.renameField('name', 'title');
    expect(step.document({ name: 'Sales', color: null })).toEqual({ color: null, title: 'Sales' });
    expect(step.changes([{ op: 'change', path: ['name'], from: 'A', to: 'B' }])).toEqual([{ op: 'change', path: ['title'], from: 'A', to: 'B' }]);
    expectFoldCommutes(step);
  });

  it('moveField into a new nested object', () => {
    const step = upcast.moveField(['color'], ['appearance', 'color']);
    expect(step.document({ color: 'red' })).toEqual({ appearance: { color: 'red' } });
    expectFoldCommutes(step);
  });

  it('moveField out of a JSON object to a top-level field, which is never missing', () => {
    const step = upcast.moveField(['options', 'style'], ['style']);
    expect(step.document({ options: { a: 1 } })).toEqual({ options: { a: 1 }, style: null });
    expect(step.changes([{ op: 'remove', path: ['options', 'style', 'b'], from: 1, to: null }])).toEqual([{ op: 'remove', path: ['style', 'b'], from: 1, to: null }]);
    expectFoldCommutes(step);
  });

  it('moveField splits a change of a whole object above the moved key', () => {
    const step = upcast.moveField(['options', 'a', 'color'], ['paint']);
    const changes = step.changes([{ op: 'add', path: ['options', 'a'], from: null, to: { color: 'red', size: 1 } }]);
    expect(changes).toEqual([
      { op: 'add', path: ['options', 'a'], from: null, to: { size: 1 } },
      { op: 'change', path: ['paint'], from: null, to: 'red' },
    ]);
    expectFoldCommutes(step);
  });

  it('splitField computes each part from whole values', () => {
    const step = upcast.splitField('fullName', {
      firstName: (value) => (typeof value === 'string' ? value.split(' ')[0] : null),
      lastName: (value) => (typeof value === 'string' && value.includes(' ') ? value.slice(value.indexOf(' ') + 1) : null),
    });
    expect(step.document({ fullName: 'Grace Brewster Hopper' })).toEqual({ firstName: 'Grace', lastName: 'Brewster Hopper' });
    expect(step.changes([{ op: 'change', path: ['fullName'], from: 'Ada Lovelace', to: 'Ada Byron' }])).toEqual([
      { op: 'change', path: ['lastName'], from: 'Lovelace', to: 'Byron' },
    ]);
    expectFoldCommutes(step);
  });

  it('rekeyChildren renames keys in documents and in child changes', () => {
    const step = upcast.rekeyChildren('tiles', (slot) => `tile-${slot}`);
    expect(step.document({ tiles: { 1: { size: 2 } } })).toEqual({ tiles: { 'tile-1': { size: 2 } } });
    expect(step.changes([{ op: 'change', path: ['tiles', '1', 'size'], from: 1, to: 2 }])).toEqual([{ op: 'change', path: ['tiles', 'tile-1', 'size'], from: 1, to: 2 }]);
    expectFoldCommutes(step);
  });

  it('addFields and addItemFields fill defaults and leave data that has them alone', () => {
    const fields = upcast.addFields({ themeId: null, extra: {} });
    expect(fields.document({ name: 'x', extra: { a: 1 } })).toEqual({ name: 'x', extra: { a: 1 }, themeId: null });
    expectFoldCommutes(fields);
    const items = upcast.addItemFields('tiles', { isActive: true });
    expect(items.document({ tiles: { 1: { size: 2 } } })).toEqual({ tiles: { 1: { size: 2, isActive: true } } });
    expect(items.changes([{ op: 'add', path: ['tiles', '2'], from: null, to: { size: 1 } }])).toEqual([{ op: 'add', path: ['tiles', '2'], from: null, to: { size: 1, isActive: true } }]);
    expectFoldCommutes(items);
  });

  it('combine releases several steps as one version', () => {
    const step = upcast.combine(upcast.renameField('name', 'title'), upcast.moveField(['color'], ['appearance', 'color']), upcast.rekeyChildren('tiles', (slot) => `tile-${slot}`));
    expect(step.description).toBe('renamed name to title; moved color to appearance.color; re-keyed tiles');
    expectFoldCommutes(step);
  });
});
