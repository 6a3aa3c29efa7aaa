import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../change-log/change-record.js';
import type { StateChange } from '../document/state-change.js';
import { upcastChangeRecords, upcastDocument, upcastEvent, upcastSnapshot, type UpcastableData } from './upcast.js';
import { assertEvolution, UnknownSchemaVersionError, type SchemaEvolution } from './upcaster.js';
import { upcast } from './upcaster-steps.js';

/** v1 `name`, `color` → v2 `title`, `color` → v3 `title`, `appearance.color`. */
const widget: SchemaEvolution = {
  kind: 'widget',
  schemaVersion: 3,
  upcasters: [upcast.renameField('name', 'title'), upcast.moveField(['color'], ['appearance', 'color'])],
};

type Event = UpcastableData & { schemaVersion: number; version: number };

describe('upcast pipeline', () => {
  it('lifts a v1 document through every step, a v2 one through the last only', () => {
    expect(upcastDocument(widget, { name: 'Sales', color: 'red' }, 1)).toEqual({ title: 'Sales', appearance: { color: 'red' } });
    expect(upcastDocument(widget, { title: 'Sales', color: 'red' }, 2)).toEqual({ title: 'Sales', appearance: { color: 'red' } });
  });

  it('lifts each event type by its data and marks it current', () => {
    const created: Event = { type: 'Created', version: 1, schemaVersion: 1, data: { state: { name: 'A', color: null } } };
    const baseline: Event = { type: 'Baseline', version: 4, schemaVersion: 2, data: { state: { title: 'A', color: 'red' }, createdAt: 't', createdBy: 'ada', deletedAt: null } };
    const updated: Event = { type: 'Updated', version: 2, schemaVersion: 1, data: { changes: [{ op: 'change', path: ['name'], from: 'A', to: 'B' }] } };
    const deleted: Event = { type: 'Deleted', version: 3, schemaVersion: 1, data: {} };
    expect(upcastEvent(widget, created)).toEqual({ ...created, schemaVersion: 3, data: { state: { title: 'A', appearance: { color: null } } } });
    expect(upcastEvent(widget, baseline)).toEqual({ ...baseline, schemaVersion: 3, data: { ...baseline.data, state: { title: 'A', appearance: { color: 'red' } } } });
    expect(upcastEvent(widget, updated).data).toEqual({ changes: [{ op: 'change', path: ['title'], from: 'A', to: 'B' }] });
    expect(upcastEvent(widget, deleted)).toEqual({ ...deleted, schemaVersion: 3 });
  });

  it('returns current events untouched and never changes its input', () => {
    const current: Event = { type: 'Created', version: 1, schemaVersion: 3, data: { state: { title: 'A' } } };
    expect(upcastEvent(widget, current)).toBe(current);
    const old: Event = { type: 'Created', version: 1, schemaVersion: 1, data: { state: { name: 'A', color: 'red' } } };
    const copy = structuredClone(old);
    upcastEvent(widget, old);
    expect(old).toEqual(copy);
  });

  it('lifts snapshots like documents', () => {
    const head = { version: 7, document: { name: 'A', color: 'red' } };
    expect(upcastSnapshot(widget, head, 1)).toEqual({ version: 7, document: { title: 'A', appearance: { color: 'red' } } });
    expect(upcastSnapshot(widget, head, 3)).toBe(head);
  });

  it('refuses data of a version it does not know, naming the kind and the versions it reads', () => {
    const future: Event = { type: 'Deleted', version: 9, schemaVersion: 4, data: {} };
    expect(() => upcastEvent(widget, future)).toThrow(UnknownSchemaVersionError);
    expect(() => upcastDocument(widget, {}, 0)).toThrow('widget data has schema version 0; this build reads versions 1 to 3');
  });

  it('lifts stored change records by the same steps and reads their kind again', () => {
    const records: ChangeRecord[] = [
      { kind: 'field', op: 'change', path: ['name'], from: 'A', to: 'B' },
      { kind: 'field', op: 'change', path: ['color'], from: 'red', to: 'blue' },
    ];
    const reclassify = (change: StateChange): ChangeRecord => ({ kind: change.path[0] === 'appearance' ? 'color_palette' : 'field', ...change });
    expect(upcastChangeRecords(widget, records, 1, reclassify)).toEqual([
      { kind: 'field', op: 'change', path: ['title'], from: 'A', to: 'B' },
      { kind: 'color_palette', op: 'change', path: ['appearance', 'color'], from: 'red', to: 'blue' },
    ]);
    expect(upcastChangeRecords(widget, records, 3, reclassify)).toEqual(records);
  });

  it('checks at start that a definition has one upcaster per step', () => {
    expect(() => assertEvolution(widget)).not.toThrow();
    expect(() => assertEvolution({ ...widget, schemaVersion: 2 })).toThrow('widget: schemaVersion 2 needs 1 upcasters (one per step), got 2');
    expect(() => assertEvolution({ kind: 'x', schemaVersion: 0, upcasters: [] })).toThrow('positive integer');
  });
});
