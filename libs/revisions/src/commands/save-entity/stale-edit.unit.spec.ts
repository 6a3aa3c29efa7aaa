import { describe, expect, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { dashboardDefinition } from '#entities/dashboard/dashboard.definition.js';
import { datasetDefinition } from '#entities/dataset/dataset.definition.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import { applyChanges } from '#revisions/document/apply-changes.js';
import { diffDocuments } from '#revisions/document/diff-documents.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { RevisionEvent, RevisionEventData } from '#revisions/event-store/revision-event.js';
import { conflictUnit, mergeStaleEdit, unitsChangedBy } from './stale-edit.js';

const column = (type: string, extra: JsonObject = {}): JsonObject => ({
  type,
  expression: null,
  verboseName: null,
  isDttm: false,
  groupby: false,
  filterable: false,
  description: null,
  ...extra,
});

const chart = (overrides: JsonObject = {}): JsonObject => ({
  ...emptyDocument(chartDefinition),
  name: 'Sales',
  vizType: 'line',
  owners: ['u1'],
  params: { time_range: 'Last week', color_scheme: 'bnbColors', metrics: ['count'] },
  ...overrides,
});

const dataset = (overrides: JsonObject = {}): JsonObject => ({
  ...emptyDocument(datasetDefinition),
  tableName: 'orders',
  columns: { country: column('TEXT'), city: column('TEXT'), ds: column('DATE', { isDttm: true }) },
  ...overrides,
});

/** `document` with `edit` applied: a new object, the original untouched. */
const edit = (document: JsonObject, change: (copy: JsonObject) => void): JsonObject => {
  const copy = structuredClone(document);
  change(copy);
  return copy;
};

/** The units another writer touched going from `seen` to `current`, as the engine derives them from events. */
const theirUnits = (definition = chartDefinition, seen: JsonObject, current: JsonObject) =>
  unitsChangedBy(definition, [event({ type: 'Updated', data: { changes: diffDocuments(seen, current) } })]);

let version = 1;
function event(data: RevisionEventData): RevisionEvent {
  version += 1;
  return { ...data, position: String(version), streamKind: 'chart', streamId: 'id', version, versionId: `v${version}`, metadata: { actor: { id: 'u2' }, org: 'o' }, recordedAt: '2026-01-01T00:00:00.000Z' } as RevisionEvent;
}

describe('conflictUnit', () => {
  it('is the field itself for a scalar or list field', () => {
    expect(conflictUnit(chartDefinition, ['name'])).toBe('name');
    expect(conflictUnit(dashboardDefinition, ['published'])).toBe('published');
    expect(conflictUnit(dashboardDefinition, ['owners'])).toBe('owners');
  });

  it('is one top-level key inside a JSON field, however deep the change', () => {
    expect(conflictUnit(chartDefinition, ['params', 'time_range'])).toBe('params.time_range');
    expect(conflictUnit(chartDefinition, ['params', 'adhoc_filters'])).toBe('params.adhoc_filters');
    expect(conflictUnit(dashboardDefinition, ['metadata', 'native_filter_configuration', 'f1', 'name'])).toBe('metadata.native_filter_configuration');
    expect(conflictUnit(dashboardDefinition, ['layout', 'CHART-1', 'meta', 'width'])).toBe('layout.CHART-1');
  });

  it('is one child by natural key, whichever of its properties changed', () => {
    expect(conflictUnit(datasetDefinition, ['columns', 'country', 'type'])).toBe('columns.country');
    expect(conflictUnit(datasetDefinition, ['columns', 'country'])).toBe('columns.country');
    expect(conflictUnit(datasetDefinition, ['metrics', 'count', 'currency', 'symbol'])).toBe('metrics.count');
    expect(conflictUnit(dashboardDefinition, ['chartIds', 'c1'])).toBe('chartIds.c1');
  });
});

describe('unitsChangedBy', () => {
  it('collects the units of updates and restores, and turns a delete into a wildcard', () => {
    const updated = event({ type: 'Updated', data: { changes: [{ op: 'change', path: ['params', 'time_range', 'since'], from: 'a', to: 'b' }] } });
    const restored = event({ type: 'Restored', data: { changes: [{ op: 'change', path: ['name'], from: 'a', to: 'b' }] } });
    expect(unitsChangedBy(chartDefinition, [updated, restored])).toEqual(new Set(['params.time_range', 'name']));
    expect(unitsChangedBy(chartDefinition, [updated, event({ type: 'Deleted', data: {} })])).toEqual(new Set(['params.time_range', '*']));
  });
});

describe('mergeStaleEdit', () => {
  it('merges disjoint scalar and JSON-key edits: the result has both', () => {
    const seen = chart();
    const current = edit(seen, (d) => {
      d.name = 'Revenue';
      (d.params as JsonObject).color_scheme = 'googleCategory10c';
    });
    const edited = edit(seen, (d) => {
      (d.params as JsonObject).time_range = 'Last month';
      d.description = 'by week';
    });
    const { conflicts, after } = mergeStaleEdit(chartDefinition, seen, edited, current, theirUnits(chartDefinition, seen, current));
    expect(conflicts).toEqual([]);
    expect(after).toEqual(
      chart({ name: 'Revenue', description: 'by week', params: { time_range: 'Last month', color_scheme: 'googleCategory10c', metrics: ['count'] } }),
    );
  });

  it('merges edits of different children of one collection', () => {
    const seen = dataset();
    const current = edit(seen, (d) => {
      (d.columns as JsonObject).city = column('VARCHAR');
      delete (d.columns as JsonObject).ds;
    });
    const edited = edit(seen, (d) => {
      ((d.columns as JsonObject).country as JsonObject).verboseName = 'Country';
      (d.columns as JsonObject).region = column('TEXT');
    });
    const { conflicts, after } = mergeStaleEdit(datasetDefinition, seen, edited, current, theirUnits(datasetDefinition, seen, current));
    expect(conflicts).toEqual([]);
    expect(Object.keys(after.columns as JsonObject).sort()).toEqual(['city', 'country', 'region']);
    expect(after.columns).toMatchObject({ city: { type: 'VARCHAR' }, country: { verboseName: 'Country' }, region: { type: 'TEXT' } });
  });

  it('refuses overlapping edits: lists each colliding unit once and merges nothing, not even the disjoint part', () => {
    const seen = chart();
    const current = edit(seen, (d) => {
      (d.params as JsonObject).time_range = 'Last year';
    });
    const edited = edit(seen, (d) => {
      (d.params as JsonObject).time_range = 'Last month';
      d.name = 'Revenue';
    });
    const { conflicts, after } = mergeStaleEdit(chartDefinition, seen, edited, current, theirUnits(chartDefinition, seen, current));
    expect(conflicts).toEqual(['params.time_range']);
    expect(after).toEqual(current);
  });

  it('sees two edits of the same child as a conflict even when they touch different properties', () => {
    const seen = dataset();
    const current = edit(seen, (d) => {
      ((d.columns as JsonObject).country as JsonObject).type = 'VARCHAR';
    });
    const edited = edit(seen, (d) => {
      ((d.columns as JsonObject).country as JsonObject).description = 'ISO code';
      ((d.columns as JsonObject).city as JsonObject).description = 'name';
    });
    const { conflicts, after } = mergeStaleEdit(datasetDefinition, seen, edited, current, theirUnits(datasetDefinition, seen, current));
    expect(conflicts).toEqual(['columns.country']);
    expect(after).toEqual(current);
  });

  it('sees an edit of a child someone else removed as a conflict', () => {
    const seen = dataset();
    const current = edit(seen, (d) => void delete (d.columns as JsonObject).country);
    const edited = edit(seen, (d) => {
      ((d.columns as JsonObject).country as JsonObject).type = 'VARCHAR';
    });
    expect(mergeStaleEdit(datasetDefinition, seen, edited, current, theirUnits(datasetDefinition, seen, current)).conflicts).toEqual(['columns.country']);
  });

  it('lets a delete in theirs conflict with every unit of ours', () => {
    const seen = chart();
    const edited = edit(seen, (d) => {
      d.name = 'Revenue';
      (d.params as JsonObject).time_range = 'Last month';
      (d.params as JsonObject).groupby = ['country'];
    });
    const theirs = unitsChangedBy(chartDefinition, [event({ type: 'Deleted', data: {} })]);
    const { conflicts, after } = mergeStaleEdit(chartDefinition, seen, edited, seen, theirs);
    expect(conflicts.sort()).toEqual(['name', 'params.groupby', 'params.time_range']);
    expect(after).toEqual(seen);
  });

  it('applies a non-stale edit as is, and an empty edit conflicts with nothing', () => {
    const seen = chart();
    const edited = edit(seen, (d) => void (d.name = 'Revenue'));
    expect(mergeStaleEdit(chartDefinition, seen, edited, seen, new Set())).toEqual({ conflicts: [], after: edited });
    expect(mergeStaleEdit(chartDefinition, seen, seen, seen, new Set(['*']))).toEqual({ conflicts: [], after: seen });
  });

  it('keeps the merged result consistent with replaying both edits in order', () => {
    const seen = dataset({ params: { a: 1, b: 2 } });
    const current = edit(seen, (d) => void ((d.params as JsonObject).a = 10));
    const edited = edit(seen, (d) => void ((d.params as JsonObject).b = 20));
    const { after } = mergeStaleEdit(datasetDefinition, seen, edited, current, theirUnits(datasetDefinition, seen, current));
    expect(after).toEqual(applyChanges(current, diffDocuments(seen, edited)));
    expect(after.params).toEqual({ a: 10, b: 20 });
  });
});
