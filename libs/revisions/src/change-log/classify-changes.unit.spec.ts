import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { dashboardDefinition } from '#entities/dashboard/dashboard.definition.js';
import { datasetDefinition } from '#entities/dataset/dataset.definition.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { diffEntity, emptyDocument, overlayInput } from '../definition/entity-document.js';
import { sameJson, type Json, type JsonObject } from '../document/json.js';
import type { ChangeKind, ChangeRecord } from './change-record.js';
import { describeChanges } from './describe-changes.js';

const describeDiff = (definition: EntityDefinition, before: JsonObject, after: JsonObject) =>
  describeChanges(definition, diffEntity(definition, before, after), before, after);
const rec = (kind: ChangeKind, op: ChangeRecord['op'], path: string[], from: Json, to: Json): ChangeRecord => ({ kind, op, path, from, to });

const chart = (params: JsonObject, fields: JsonObject = {}): JsonObject => ({ ...emptyDocument(chartDefinition), name: 'Sales', vizType: 'table', params, ...fields });
const chartChanges = (before: JsonObject, after: JsonObject) => describeDiff(chartDefinition, chart(before), chart(after));
const filter = (subject: string, operator: string, comparator: Json): JsonObject => ({ expressionType: 'SIMPLE', clause: 'WHERE', subject, operator, comparator });
const P = (...rest: string[]) => ['params', ...rest];

const dashboard = (fields: JsonObject): JsonObject => ({ ...emptyDocument(dashboardDefinition), title: 'Ops', ...fields });
const dashboardChanges = (before: JsonObject, after: JsonObject) => describeDiff(dashboardDefinition, dashboard(before), dashboard(after));
const component = (id: string, type: string, extra: JsonObject = {}): JsonObject => ({ id, type, children: [], parents: ['ROOT_ID', 'GRID_ID'], ...extra });

const dataset = (input: Record<string, unknown>): JsonObject => {
  const { document, problems } = overlayInput(datasetDefinition, { ...emptyDocument(datasetDefinition), tableName: 'orders' }, input);
  expect(problems).toEqual([]);
  return document;
};
const column = (properties: JsonObject): JsonObject => ({ type: null, expression: null, verboseName: null, isDttm: false, groupby: false, filterable: false, description: null, isActive: true, pythonDateFormat: null, datetimeFormat: null, advancedDataType: null, extra: null, uuid: null, ...properties });
const metric = (properties: JsonObject): JsonObject => ({ expression: null, metricType: null, verboseName: null, d3format: null, currency: null, description: null, warningText: null, extra: null, uuid: null, ...properties });

const us = filter('country', 'IN', ['US']);
const usFr = filter('country', 'IN', ['US', 'FR']);
const notFr = filter('country', '!=', 'FR');
const shoes = filter('product', '==', 'Shoes');
const paris = filter('city', '==', 'Paris');

describe('chart params', () => {
  it('adhoc filters are keyed by subject: add, remove, and a changed comparator as one change with the whole filter', () => {
    expect(chartChanges({}, { adhoc_filters: [us] })).toEqual([rec('filter', 'add', P('adhoc_filters', 'country'), null, us)]);
    expect(chartChanges({ adhoc_filters: [us, shoes] }, { adhoc_filters: [usFr, paris] })).toEqual([
      rec('filter', 'change', P('adhoc_filters', 'country'), us, usFr),
      rec('filter', 'remove', P('adhoc_filters', 'product'), shoes, null),
      rec('filter', 'add', P('adhoc_filters', 'city'), null, paris),
    ]);
  });

  it('two filters on the same subject stay apart, told apart by their content', () => {
    const [added] = chartChanges({ adhoc_filters: [us] }, { adhoc_filters: [us, notFr] });
    expect(added).toMatchObject({ kind: 'filter', op: 'add', from: null, to: notFr });
    expect(added.path).toEqual(['params', 'adhoc_filters', expect.stringMatching(/^country#[0-9a-f]{8}$/)]);
    const [removed] = chartChanges({ adhoc_filters: [us, notFr] }, { adhoc_filters: [notFr] });
    expect(removed).toMatchObject({ kind: 'filter', op: 'remove', from: us, to: null });
  });

  it('a filter without subject is keyed by its filterOptionName, so editing its SQL is a change, not remove + add', () => {
    const sql = (sqlExpression: string): JsonObject => ({ expressionType: 'SQL', clause: 'WHERE', sqlExpression, filterOptionName: 'filter_8x1' });
    expect(chartChanges({ adhoc_filters: [sql('amount > 1')] }, { adhoc_filters: [sql('amount > 10')] })).toEqual([
      rec('filter', 'change', P('adhoc_filters', 'filter_8x1'), sql('amount > 1'), sql('amount > 10')),
    ]);
  });

  it('metrics are keyed by adhoc label or by the saved-metric name', () => {
    const sum = (column_name: string): JsonObject => ({ expressionType: 'SIMPLE', label: 'SUM(amount)', aggregate: 'SUM', column: { column_name } });
    expect(chartChanges({ metrics: ['count', sum('amount')] }, { metrics: [sum('net_amount'), 'avg_price'] })).toEqual([
      rec('metric', 'remove', P('metrics', 'count'), 'count', null),
      rec('metric', 'change', P('metrics', 'SUM(amount)'), sum('amount'), sum('net_amount')),
      rec('metric', 'add', P('metrics', 'avg_price'), null, 'avg_price'),
    ]);
  });

  it('a single metric is one record with the whole value, however deep the edit', () => {
    const m = (aggregate: string, column_name: string): JsonObject => ({ label: 'm', aggregate, column: { column_name } });
    expect(chartChanges({}, { metric: 'count' })).toEqual([rec('metric', 'add', P('metric'), null, 'count')]);
    expect(chartChanges({ metric: m('SUM', 'a') }, { metric: m('AVG', 'b') })).toEqual([rec('metric', 'change', P('metric'), m('SUM', 'a'), m('AVG', 'b'))]);
  });

  it('time_range and color_scheme', () => {
    expect(chartChanges({}, { time_range: 'Last week' })).toEqual([rec('time_range', 'add', P('time_range'), null, 'Last week')]);
    expect(chartChanges({ time_range: 'Last week' }, { time_range: 'Last month' })).toEqual([rec('time_range', 'change', P('time_range'), 'Last week', 'Last month')]);
    expect(chartChanges({ color_scheme: 'supersetColors' }, { color_scheme: 'bnbColors' })).toEqual([
      rec('color_palette', 'change', P('color_scheme'), 'supersetColors', 'bnbColors'),
    ]);
  });

  it('groupby and columns are dimensions keyed by column name or adhoc label', () => {
    const year: JsonObject = { label: 'Year', sqlExpression: 'EXTRACT(YEAR FROM ts)', expressionType: 'SQL' };
    expect(chartChanges({ groupby: ['country'], columns: ['region'] }, { groupby: ['country', year], columns: [] })).toEqual([
      rec('dimension', 'remove', P('columns', 'region'), 'region', null),
      rec('dimension', 'add', P('groupby', 'Year'), null, year),
    ]);
  });

  it('unknown keys are field changes at their deepest path', () => {
    expect(chartChanges({ row_limit: 100 }, { row_limit: 1000, show_legend: true })).toEqual([
      rec('field', 'change', P('row_limit'), 100, 1000),
      rec('field', 'add', P('show_legend'), null, true),
    ]);
    const extra = (granularity_sqla: string): JsonObject => ({ extra_form_data: { filters: [], granularity_sqla } });
    expect(chartChanges(extra('ts'), extra('created_at'))).toEqual([rec('field', 'change', P('extra_form_data', 'granularity_sqla'), 'ts', 'created_at')]);
  });

  it('a reordered list with the same items gives no record', () => {
    const before = { adhoc_filters: [us, shoes], metrics: ['count', 'avg_price'], groupby: ['country', 'region'] };
    const after = { adhoc_filters: [shoes, us], metrics: ['avg_price', 'count'], groupby: ['region', 'country'] };
    expect(diffEntity(chartDefinition, chart(before), chart(after))).not.toEqual([]); // the raw diff sees the lists differ
    expect(chartChanges(before, after)).toEqual([]);
  });

  it('a reordered list with two filters on one subject gives no record either', () => {
    expect(chartChanges({ adhoc_filters: [us, notFr] }, { adhoc_filters: [notFr, us] })).toEqual([]);
  });
});

describe('dashboard', () => {
  const [a, b, c] = ['0b1e4c1e-0000-4000-8000-00000000000a', '0b1e4c1e-0000-4000-8000-00000000000b', '0b1e4c1e-0000-4000-8000-00000000000c'];
  const ids = (...list: string[]) => Object.fromEntries(list.map((id) => [id, {}]));

  it('chart membership is kind chart, keyed by chart id', () => {
    expect(dashboardChanges({ chartIds: ids(a, b) }, { chartIds: ids(b, c) })).toEqual([
      rec('chart', 'remove', ['chartIds', a], {}, null),
      rec('chart', 'add', ['chartIds', c], null, {}),
    ]);
  });

  it('layout components by id: a CHART component is kind chart, any other is layout, with the whole component', () => {
    const chart2 = component('CHART-2', 'CHART', { meta: { chartId: b, width: 4, height: 50 } });
    const row = (children: string[]) => component('ROW-1', 'ROW', { children, meta: { background: 'BACKGROUND_TRANSPARENT' } });
    expect(dashboardChanges({ layout: { 'ROW-1': row(['CHART-1']) } }, { layout: { 'ROW-1': row(['CHART-1', 'CHART-2']), 'CHART-2': chart2 } })).toEqual([
      rec('chart', 'add', ['layout', 'CHART-2'], null, chart2),
      rec('layout', 'change', ['layout', 'ROW-1'], row(['CHART-1']), row(['CHART-1', 'CHART-2'])),
    ]);
  });

  it('metadata: native filters by id, colours, chart configuration per chart, other keys as fields', () => {
    const nf = (id: string, name: string): JsonObject => ({ id, name, filterType: 'filter_select', targets: [{ column: { name: 'country' } }] });
    const config = (scope: string): JsonObject => ({ id: a, crossFilters: { scope, chartsInScope: [b] } });
    const before = { native_filter_configuration: [nf('NATIVE_FILTER-a', 'Country'), nf('NATIVE_FILTER-b', 'Date')], color_scheme: 'supersetColors', label_colors: { Boys: '#111', Girls: '#222' }, chart_configuration: { [a]: config('global') }, refresh_frequency: 0 };
    const after = { native_filter_configuration: [nf('NATIVE_FILTER-a', 'Nation'), nf('NATIVE_FILTER-c', 'City')], color_scheme: 'bnbColors', label_colors: { Boys: '#333', Girls: '#222', Other: '#444' }, chart_configuration: { [a]: config('local') }, refresh_frequency: 60 };
    expect(dashboardChanges({ metadata: before }, { metadata: after })).toEqual([
      rec('filter', 'change', ['metadata', 'chart_configuration', a], config('global'), config('local')),
      rec('color_palette', 'change', ['metadata', 'color_scheme'], 'supersetColors', 'bnbColors'),
      rec('color_palette', 'change', ['metadata', 'label_colors'], before.label_colors, after.label_colors),
      rec('filter', 'change', ['metadata', 'native_filter_configuration', 'NATIVE_FILTER-a'], nf('NATIVE_FILTER-a', 'Country'), nf('NATIVE_FILTER-a', 'Nation')),
      rec('filter', 'remove', ['metadata', 'native_filter_configuration', 'NATIVE_FILTER-b'], nf('NATIVE_FILTER-b', 'Date'), null),
      rec('filter', 'add', ['metadata', 'native_filter_configuration', 'NATIVE_FILTER-c'], null, nf('NATIVE_FILTER-c', 'City')),
      rec('field', 'change', ['metadata', 'refresh_frequency'], 0, 60),
    ]);
  });

  it("a dashboard's first chart configuration is a filter record per chart id", () => {
    const config = { id: a, crossFilters: { scope: 'global' } };
    expect(dashboardChanges({ metadata: {} }, { metadata: { chart_configuration: { [a]: config } } })).toEqual([
      rec('filter', 'add', ['metadata', 'chart_configuration', a], null, config),
    ]);
  });
});

describe('dataset', () => {
  it('one record per added, removed or changed column and metric, keyed by name', () => {
    const before = dataset({
      columns: [{ columnName: 'amount', type: 'NUMERIC' }, { columnName: 'country', type: 'VARCHAR' }],
      metrics: [{ metricName: 'count', expression: 'COUNT(*)' }, { metricName: 'revenue', expression: 'SUM(amount)' }],
    });
    const after = dataset({
      columns: [{ columnName: 'amount', type: 'DECIMAL', verboseName: 'Amount', description: 'Total' }, { columnName: 'order_date', type: 'DATE', isDttm: true }],
      metrics: [{ metricName: 'revenue', expression: 'SUM(net_amount)', d3format: ',.2f' }, { metricName: 'orders', expression: 'COUNT(DISTINCT id)' }],
    });
    expect(describeDiff(datasetDefinition, before, after)).toEqual([
      rec('column', 'change', ['columns', 'amount'], column({ type: 'NUMERIC' }), column({ type: 'DECIMAL', verboseName: 'Amount', description: 'Total' })),
      rec('column', 'remove', ['columns', 'country'], column({ type: 'VARCHAR' }), null),
      rec('column', 'add', ['columns', 'order_date'], null, column({ type: 'DATE', isDttm: true })),
      rec('metric', 'remove', ['metrics', 'count'], metric({ expression: 'COUNT(*)' }), null),
      rec('metric', 'add', ['metrics', 'orders'], null, metric({ expression: 'COUNT(DISTINCT id)' })),
      rec('metric', 'change', ['metrics', 'revenue'], metric({ expression: 'SUM(amount)' }), metric({ expression: 'SUM(net_amount)', d3format: ',.2f' })),
    ]);
  });
});

describe('noise, audit fields and order', () => {
  it('null ↔ "" and absent ↔ null give no record, at top level, in params and inside a listed filter', () => {
    const before = chart({ time_range: null, row_limit: null, adhoc_filters: [filter('city', 'IS NULL', null)] }, { description: null });
    const after = chart({ time_range: '', granularity_sqla: null, adhoc_filters: [filter('city', 'IS NULL', '')] }, { description: '' });
    expect(describeDiff(chartDefinition, before, after)).toEqual([]);
    expect(describeDiff(datasetDefinition, dataset({ columns: [{ columnName: 'a', type: '' }] }), dataset({ columns: [{ columnName: 'a', type: null }] }))).toEqual([]);
  });

  it('identical documents and audit fields outside the definition give no record', () => {
    const doc = chart({ adhoc_filters: [us], metrics: ['count'], time_range: 'Last week' }, { owners: ['u1'] });
    expect(describeDiff(chartDefinition, doc, structuredClone(doc))).toEqual([]);
    expect(describeDiff(chartDefinition, doc, { ...doc, updatedAt: '2030-01-01T00:00:00Z', updatedBy: 'u2' })).toEqual([]);
  });

  it('owners and tags edits are plain field records', () => {
    expect(describeDiff(chartDefinition, chart({}, { owners: ['u1'] }), chart({}, { owners: ['u1', 'u2'], tags: ['finance'] }))).toEqual([
      rec('field', 'change', ['owners'], ['u1'], ['u1', 'u2']),
      rec('field', 'change', ['tags'], [], ['finance']),
    ]);
  });

  it('records come top-level in definition order, nested keys sorted, whatever the key insertion order', () => {
    const before = chart({ time_range: 'Last week', row_limit: 100, adhoc_filters: [us], color_scheme: 'a' }, { owners: ['u1'], description: 'Old' });
    const params = { time_range: 'Last month', row_limit: 500, color_scheme: 'b', adhoc_filters: [usFr, shoes] };
    const forward = { ...before, owners: ['u2'], name: 'Sales by country', params, description: 'By country' };
    const reversed = Object.fromEntries(Object.entries({ ...forward, params: Object.fromEntries(Object.entries(params).reverse()) }).reverse()) as JsonObject;
    const expected = [
      rec('field', 'change', ['owners'], ['u1'], ['u2']),
      rec('field', 'change', ['name'], 'Sales', 'Sales by country'),
      rec('filter', 'change', P('adhoc_filters', 'country'), us, usFr),
      rec('filter', 'add', P('adhoc_filters', 'product'), null, shoes),
      rec('color_palette', 'change', P('color_scheme'), 'a', 'b'),
      rec('field', 'change', P('row_limit'), 100, 500),
      rec('time_range', 'change', P('time_range'), 'Last week', 'Last month'),
      rec('field', 'change', ['description'], 'Old', 'By country'),
    ];
    expect(describeDiff(chartDefinition, before, forward)).toEqual(expected);
    expect(describeDiff(chartDefinition, before, reversed)).toEqual(expected);
  });
});

describe('property: random chart params', () => {
  const subjects = ['country', 'city', 'product', 'channel'];
  const metricNames = ['count', 'sum__amount', 'avg__price', 'max__qty'];
  const filterArb = fc.record({ subject: fc.constantFrom(...subjects), operator: fc.constantFrom('==', '!=', 'IN'), comparator: fc.constantFrom<Json>('US', 'FR', null, '') });
  const paramsArb = fc.record(
    {
      time_range: fc.constantFrom<Json>('Last week', 'Last month', null, ''),
      color_scheme: fc.constantFrom<Json>('supersetColors', 'bnbColors', null),
      row_limit: fc.constantFrom<Json>(10, 100, null),
      adhoc_filters: fc.uniqueArray(filterArb, { selector: (f) => f.subject, maxLength: 4 }),
      metrics: fc.uniqueArray(fc.constantFrom(...metricNames), { maxLength: 4 }),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<JsonObject>;
  const bySubject = (params: JsonObject) => new Map(((params.adhoc_filters ?? []) as JsonObject[]).map((f) => [f.subject as string, f]));

  it('paths start with params, list rules are keyed by natural key (never an index), and the result is deterministic', () => {
    fc.assert(
      fc.property(paramsArb, paramsArb, (before, after) => {
        const records = chartChanges(before, after);
        expect(chartChanges(structuredClone(before), structuredClone(after))).toEqual(records);
        for (const { path } of records) {
          expect(path[0]).toBe('params');
          if (path[1] === 'adhoc_filters' || path[1] === 'metrics') {
            expect(path).toHaveLength(3);
            expect(path[2]).not.toMatch(/^\d+$/);
            expect(path[1] === 'metrics' ? metricNames : subjects).toContain(path[2]);
          }
        }
        const [was, is] = [bySubject(before), bySubject(after)];
        const changedSubjects = subjects.filter((subject) => !sameJson(was.get(subject), is.get(subject)));
        const filterKeys = records.filter((r) => r.path[1] === 'adhoc_filters').map((r) => r.path[2]);
        expect(filterKeys.sort()).toEqual(changedSubjects.sort());
      }),
      { numRuns: 300 },
    );
  });
});
