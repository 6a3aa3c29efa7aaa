import { describe, expect, it } from 'vitest';
import { chartDefinition } from '#entities/chart/chart.definition.js';
import { datasetDefinition } from '#entities/dataset/dataset.definition.js';
import { diffEntity, emptyDocument, overlayInput } from '../definition/entity-document.js';
import type { JsonObject } from '../document/json.js';
import { applyChanges } from '../document/apply-changes.js';
import { MAX_LIST_ITEM_RECORDS, MAX_RECORDS_PER_VERSION } from './classify-changes.js';
import { describeChanges } from './describe-changes.js';

const chart = (params: JsonObject): JsonObject => ({ ...emptyDocument(chartDefinition), name: 'Wide', vizType: 'table', params });
const records = (before: JsonObject, after: JsonObject, definition = chartDefinition) => describeChanges(definition, diffEntity(definition, before, after), before, after);
const dimensions = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

// Speed is the bench's (bigListSave); here, the bounded shape of the records. A quadratic walk over
// 50,000 items would also exceed the test timeout.
describe('classification stays bounded for huge lists (issue 11: a 50,000-item groupby took seconds)', () => {
  it('50,000 groupby items: one record carrying both whole lists', () => {
    const before = chart({ groupby: dimensions(50_000, 'a') });
    const after = chart({ groupby: dimensions(50_000, 'b') });
    const result = records(before, after);
    expect(result).toEqual([{ kind: 'dimension', op: 'change', path: ['params', 'groupby'], from: dimensions(50_000, 'a'), to: dimensions(50_000, 'b') }]);
  });

  it('50,000 items sharing one key (told apart by content) are linear too', () => {
    const same = Array.from({ length: 50_000 }, (_, i) => ({ expressionType: 'SIMPLE', subject: 'country', operator: '==', comparator: `c${i}` }));
    const result = records(chart({ adhoc_filters: [] }), chart({ adhoc_filters: same }));
    expect(result).toHaveLength(1);
  });

  it(`up to ${MAX_LIST_ITEM_RECORDS} changed items are still reported item by item`, () => {
    const result = records(chart({ groupby: [] }), chart({ groupby: dimensions(MAX_LIST_ITEM_RECORDS) }));
    expect(result).toHaveLength(MAX_LIST_ITEM_RECORDS);
    expect(result[0]).toMatchObject({ kind: 'dimension', op: 'add', path: ['params', 'groupby', 'd0'], to: 'd0' });
  });

  it(`a version with more than ${MAX_RECORDS_PER_VERSION} records gets one record per changed field, with the whole values`, () => {
    const wide = Object.fromEntries(dimensions(MAX_RECORDS_PER_VERSION + 1, 'key').map((key) => [key, 1]));
    const before = chart({});
    const after = chart(wide);
    expect(records(before, after)).toEqual([{ kind: 'field', op: 'change', path: ['params'], from: {}, to: wide }]);
  });

  it('the bounded records still describe the change exactly: the whole values are the states', () => {
    const input = { columns: dimensions(1500).map((columnName) => ({ columnName, type: 'INT' })) };
    const base = { ...emptyDocument(datasetDefinition), tableName: 'orders' };
    const { document: after } = overlayInput(datasetDefinition, base, input);
    const [record] = records(base, after, datasetDefinition);
    expect(record).toMatchObject({ kind: 'column', path: ['columns'], from: {}, to: after.columns });
    expect(applyChanges(base, diffEntity(datasetDefinition, base, after))).toEqual(after);
  });
});
