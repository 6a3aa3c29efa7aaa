import { describe, expect, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { dashboardDefinition } from '#entities/dashboard/dashboard.definition.js';
import { datasetDefinition } from '#entities/dataset/dataset.definition.js';
import type { JsonObject } from '../document/json.js';
import { documentToApi, emptyDocument, overlayInput } from './entity-document.js';

const COLUMN_PROPERTIES = ['columnName', 'type', 'expression', 'verboseName', 'isDttm', 'groupby', 'filterable', 'description', 'isActive', 'pythonDateFormat', 'datetimeFormat', 'advancedDataType', 'extra', 'uuid'];
const METRIC_PROPERTIES = ['metricName', 'expression', 'metricType', 'verboseName', 'd3format', 'currency', 'description', 'warningText', 'extra', 'uuid'];
/** Superset's column and metric fields, at their defaults. */
const COLUMN_DEFAULTS = { isActive: true, pythonDateFormat: null, datetimeFormat: null, advancedDataType: null, extra: null, uuid: null };
const METRIC_DEFAULTS = { warningText: null, extra: null, uuid: null };

function dataset(overrides: JsonObject = {}): JsonObject {
  return { ...emptyDocument(datasetDefinition), tableName: 'orders', owners: ['u1'], ...overrides };
}

describe('emptyDocument', () => {
  it('has every versioned field at its default and every collection as an empty keyed object', () => {
    // Text, integer and Superset JSON fields start null; the query JSON fields {}; flags false.
    const nulls = ['tableName', 'schema', 'catalog', 'database', 'sql', 'description', 'mainDttmCol', 'cacheTimeout', 'currencyCodeColumn', 'defaultEndpoint', 'offset', 'sourceDbEngine', 'templateParams', 'fetchValuesPredicate', 'externalUrl', 'folders', 'dataUrl', 'dataFile'];
    const flags = ['filterSelectEnabled', 'isManagedExternally', 'normalizeColumns', 'alwaysFilterMainDttm'];
    expect(emptyDocument(datasetDefinition)).toEqual({
      owners: [],
      tags: [],
      ...Object.fromEntries(nulls.map((name) => [name, null])),
      ...Object.fromEntries(flags.map((name) => [name, false])),
      params: {},
      extra: {},
      columns: {},
      metrics: {},
    });
    expect(emptyDocument(dashboardDefinition)).toMatchObject({ title: null, published: false, metadata: {}, layout: {}, chartIds: {} });
  });

  it('leaves cached fields out: a chart query context is not part of the versioned document', () => {
    const document = emptyDocument(chartDefinition);
    expect(document).not.toHaveProperty('queryContext');
    expect(Object.keys(document).sort()).toEqual(Object.keys(chartDefinition.fields).sort());
  });

  it('returns fresh defaults each time, so editing one document never leaks into another', () => {
    const first = emptyDocument(dashboardDefinition);
    (first.metadata as JsonObject).refresh_frequency = 60;
    (first.owners as string[]).push('u1');
    expect(emptyDocument(dashboardDefinition)).toMatchObject({ metadata: {}, owners: [] });
  });
});

describe('overlayInput', () => {
  it('changes only the fields present in the input and leaves the base untouched', () => {
    const base = dataset({ description: 'old', sql: 'select 1', params: { a: 1 } });
    const snapshot = structuredClone(base);
    const { document, problems } = overlayInput(datasetDefinition, base, { description: 'new', cacheTimeout: undefined });
    expect(problems).toEqual([]);
    expect(document).toEqual({ ...snapshot, description: 'new' });
    expect(base).toEqual(snapshot);
  });

  it('ignores properties that are neither fields nor collections', () => {
    const { document } = overlayInput(chartDefinition, emptyDocument(chartDefinition), { name: 'Sales', queryContext: { q: 1 }, bogus: 1 });
    expect(document).toEqual({ ...emptyDocument(chartDefinition), name: 'Sales' });
  });

  it('turns a blank value into the field default', () => {
    const base = { ...emptyDocument(dashboardDefinition), title: 'Board', slug: 'board', published: true, metadata: { a: 1 } };
    const { document } = overlayInput(dashboardDefinition, base, { slug: '', published: null, metadata: null, description: '' });
    expect(document).toMatchObject({ title: 'Board', slug: null, published: false, metadata: {}, description: null });
  });

  it('replaces a whole keyed collection, keyed by natural key, with item properties defaulted', () => {
    const base = dataset({ columns: { old: { type: 'TEXT' } } });
    const { document, problems } = overlayInput(datasetDefinition, base, {
      columns: [{ columnName: 'country', type: 'TEXT', isDttm: null, description: '' }, { columnName: 'ds', isDttm: true }],
      metrics: [{ metricName: 'count', expression: 'COUNT(*)', currency: '' }],
    });
    expect(problems).toEqual([]);
    expect(document.columns).toEqual({
      country: { type: 'TEXT', expression: null, verboseName: null, isDttm: false, groupby: false, filterable: false, description: null, ...COLUMN_DEFAULTS },
      ds: { type: null, expression: null, verboseName: null, isDttm: true, groupby: false, filterable: false, description: null, ...COLUMN_DEFAULTS },
    });
    expect(document.metrics).toEqual({
      count: { expression: 'COUNT(*)', metricType: null, verboseName: null, d3format: null, currency: null, description: null, ...METRIC_DEFAULTS },
    });
  });

  it('reports a duplicate natural key with its position', () => {
    const { problems } = overlayInput(datasetDefinition, dataset(), {
      columns: [{ columnName: 'a' }, { columnName: 'b' }, { columnName: 'a' }],
      metrics: [{ metricName: 'm' }, { metricName: 'm' }],
    });
    expect(problems).toEqual(['columns.2: duplicate columnName "a"', 'metrics.1: duplicate metricName "m"']);
  });

  it('keys an id set by id and reports a repeated id', () => {
    const base = { ...emptyDocument(dashboardDefinition), title: 'Board' };
    const ok = overlayInput(dashboardDefinition, base, { chartIds: ['c2', 'c1'] });
    expect(ok).toEqual({ document: { ...base, chartIds: { c2: {}, c1: {} } }, problems: [] });
    expect(overlayInput(dashboardDefinition, base, { chartIds: ['c1', 'c1'] }).problems).toEqual(['chartIds.1: duplicate chartId "c1"']);
    expect(overlayInput(dashboardDefinition, { ...base, chartIds: { c1: {} } }, { chartIds: [] }).document.chartIds).toEqual({});
  });
});

describe('documentToApi', () => {
  it('shows keyed collections as arrays sorted by natural key, item properties in definition order', () => {
    const document = dataset({
      columns: {
        zeta: { description: 'z', isDttm: false, type: 'TEXT' },
        alpha: { filterable: true, groupby: true, type: 'INT', verboseName: 'Alpha', expression: null, isDttm: false, description: null },
      },
      metrics: { 'sum.revenue': { currency: { symbol: 'EUR' }, expression: 'SUM(x)' }, count: { expression: 'COUNT(*)' } },
    });
    const api = documentToApi(datasetDefinition, document);
    const columns = api.columns as JsonObject[];
    const metrics = api.metrics as JsonObject[];
    expect(columns.map((column) => column.columnName)).toEqual(['alpha', 'zeta']);
    expect(metrics.map((metric) => metric.metricName)).toEqual(['count', 'sum.revenue']);
    for (const column of columns) expect(Object.keys(column)).toEqual(COLUMN_PROPERTIES);
    for (const metric of metrics) expect(Object.keys(metric)).toEqual(METRIC_PROPERTIES);
    expect(columns[1]).toMatchObject({ columnName: 'zeta', type: 'TEXT', expression: null, verboseName: null, isDttm: false, groupby: null, filterable: null, description: 'z' });
    expect(metrics[1].currency).toEqual({ symbol: 'EUR' });
  });

  it('shows an id set as a sorted array of ids', () => {
    const document = { ...emptyDocument(dashboardDefinition), title: 'Board', chartIds: { 'c-3': {}, 'c-1': {}, 'c-2': {} } };
    expect(documentToApi(dashboardDefinition, document).chartIds).toEqual(['c-1', 'c-2', 'c-3']);
  });

  it('lists every field in definition order, missing ones as null, and nothing else', () => {
    const api = documentToApi(chartDefinition, { name: 'Sales', params: { time_range: 'Last week' }, stray: 1 });
    expect(Object.keys(api)).toEqual(Object.keys(chartDefinition.fields));
    expect(api).toMatchObject({ name: 'Sales', vizType: null, owners: null, params: { time_range: 'Last week' } });
  });

  it('round-trips: overlaying the API shape of a document on an empty one gives the document back', () => {
    const document = dataset({
      description: 'Orders',
      params: { x: [1, 2] },
      columns: { b: { type: 'TEXT', expression: null, verboseName: null, isDttm: false, groupby: true, filterable: true, description: null, ...COLUMN_DEFAULTS } },
      metrics: { m: { expression: '1', metricType: null, verboseName: null, d3format: ',.2f', currency: null, description: null, ...METRIC_DEFAULTS } },
    });
    const { document: back, problems } = overlayInput(datasetDefinition, emptyDocument(datasetDefinition), documentToApi(datasetDefinition, document));
    expect(problems).toEqual([]);
    expect(back).toEqual(document);
  });
});
