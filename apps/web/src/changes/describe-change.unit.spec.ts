import { describe, expect, it } from 'vitest';
import { describeChange, type ChangeRecord } from './describe-change';

const record = (kind: ChangeRecord['kind'], op: ChangeRecord['op'], path: string[], from: unknown, to: unknown) => ({ kind, op, path, from, to }) as ChangeRecord;
const words = (change: ChangeRecord, chartNames: Record<string, string> = {}) => describeChange(change, { chartName: (id) => chartNames[id] });

describe('change records in words', () => {
  describe('field', () => {
    it('quotes short values', () => {
      expect(words(record('field', 'change', ['title'], 'Sales', 'Sales (EMEA)')).text).toBe('changed the title from “Sales” to “Sales (EMEA)”');
      expect(words(record('field', 'change', ['params', 'row_limit'], 10, 50)).text).toBe('changed the row limit in chart settings from 10 to 50');
    });
    it('says set and cleared for values that appear and disappear', () => {
      expect(words(record('field', 'change', ['description'], null, 'Now with words')).text).toBe('set the description to “Now with words”');
      expect(words(record('field', 'change', ['certifiedBy'], 'Data team', null))).toMatchObject({ text: 'cleared the certification', detail: 'was “Data team”' });
    });
    it('does not quote SQL, CSS or objects', () => {
      expect(words(record('field', 'change', ['sql'], 'select 1', 'select *\nfrom orders')).text).toBe('edited the SQL');
      expect(words(record('field', 'change', ['metadata', 'chart_settings'], { a: 1 }, { a: 2 })).text).toBe('edited the chart settings in dashboard settings');
    });
    it('reads publishing and list fields naturally', () => {
      expect(words(record('field', 'change', ['published'], false, true)).text).toBe('published it');
      expect(words(record('field', 'change', ['published'], true, false)).text).toBe('unpublished it');
      expect(words(record('field', 'change', ['tags'], ['draft'], ['finance'])).text).toBe('added tag finance and removed tag draft');
      expect(words(record('field', 'change', ['owners'], ['alice'], ['alice', 'bob'])).text).toBe('added owner bob');
    });
  });

  it('time_range', () => {
    expect(words(record('time_range', 'change', ['params', 'time_range'], 'Last week', 'Last month'))).toMatchObject({ icon: 'time_range', text: 'changed the time range from Last week to Last month' });
    expect(words(record('time_range', 'add', ['metadata', 'time_range'], null, 'Last quarter')).text).toBe('set the time range to Last quarter');
    expect(words(record('time_range', 'remove', ['params', 'time_range'], 'Last week', null))).toMatchObject({ text: 'removed the time range', detail: 'was Last week' });
  });

  it('color_palette', () => {
    expect(words(record('color_palette', 'change', ['params', 'color_scheme'], 'supersetColors', 'bnbColors')).text).toBe('changed the color palette from supersetColors to bnbColors');
    expect(words(record('color_palette', 'change', ['metadata', 'label_colors'], { a: '#fff' }, { a: '#000' })).text).toBe('changed the label colors');
  });

  it('filter', () => {
    const fr = { subject: 'country', operator: 'IN', comparator: ['FR'] };
    const frDe = { subject: 'country', operator: 'IN', comparator: ['FR', 'DE'] };
    expect(words(record('filter', 'add', ['params', 'adhoc_filters', 'country'], null, frDe))).toMatchObject({ icon: 'filter', text: 'added filter country', detail: 'country IN (FR, DE)' });
    expect(words(record('filter', 'remove', ['params', 'adhoc_filters', 'country'], fr, null)).text).toBe('removed filter country');
    expect(words(record('filter', 'change', ['params', 'adhoc_filters', 'country'], fr, frDe))).toMatchObject({ text: 'changed filter country', detail: 'country IN (FR) → country IN (FR, DE)' });
    expect(words(record('filter', 'add', ['metadata', 'native_filter_configuration', 'NATIVE_FILTER-1'], null, { id: 'NATIVE_FILTER-1', name: 'Region' })).text).toBe('added filter Region');
  });

  it('metric', () => {
    expect(words(record('metric', 'add', ['params', 'metrics', 'SUM(revenue)'], null, { label: 'SUM(revenue)', sqlExpression: 'SUM(revenue)' })).text).toBe('added metric SUM(revenue)');
    expect(words(record('metric', 'remove', ['metrics', 'revenue'], { metricName: 'revenue', expression: 'SUM(amount)' }, null))).toMatchObject({ text: 'removed metric revenue', detail: 'SUM(amount)' });
    expect(words(record('metric', 'change', ['metrics', 'revenue', 'expression'], 'SUM(amount)', 'SUM(net)')).text).toBe('changed the expression of metric revenue from “SUM(amount)” to “SUM(net)”');
    expect(words(record('metric', 'change', ['params', 'metric'], 'count', 'sum__num')).text).toBe('changed the metric from count to sum__num');
  });

  it('dimension', () => {
    expect(words(record('dimension', 'add', ['params', 'groupby', 'country'], null, 'country'))).toMatchObject({ icon: 'dimension', text: 'added dimension country' });
    expect(words(record('dimension', 'remove', ['params', 'columns', 'region'], 'region', null)).text).toBe('removed dimension region');
  });

  it('column', () => {
    expect(words(record('column', 'add', ['columns', 'order_date'], null, { columnName: 'order_date', type: 'DATE' })).text).toBe('added column order_date');
    expect(words(record('column', 'remove', ['columns', 'legacy_id'], { columnName: 'legacy_id' }, null)).text).toBe('removed column legacy_id');
    expect(words(record('column', 'change', ['columns', 'amount', 'type'], 'INT', 'BIGINT')).text).toBe('changed the type of column amount from “INT” to “BIGINT”');
    expect(words(record('column', 'change', ['columns', 'amount'], { type: 'INT', verboseName: 'A' }, { type: 'BIGINT', verboseName: 'Amount' }))).toMatchObject({ text: 'changed column amount', detail: 'type, display name' });
  });

  it('chart, by name when the page knows it', () => {
    const id = '4f9c2d3e-0000-4000-8000-000000000001';
    expect(words(record('chart', 'remove', ['chartIds', id], {}, null), { [id]: 'Revenue' })).toMatchObject({ icon: 'chart', text: 'removed chart Revenue' });
    expect(words(record('chart', 'add', ['chartIds', id], null, {})).text).toBe('added chart 4f9c2d3e');
    const component = (parents: string[], width: number) => ({ type: 'CHART', parents, meta: { chartId: 7, sliceName: 'Orders', width } });
    expect(words(record('chart', 'add', ['layout', 'CHART-1'], null, component(['ROOT'], 4))).text).toBe('placed chart Orders on the layout');
    expect(words(record('chart', 'change', ['layout', 'CHART-1'], component(['ROOT'], 4), component(['ROOT'], 6))).text).toBe('resized chart Orders');
    expect(words(record('chart', 'change', ['layout', 'CHART-1'], component(['ROOT'], 4), component(['ROOT', 'TAB-1'], 4))).text).toBe('moved chart Orders in the layout');
  });

  it('layout', () => {
    expect(words(record('layout', 'add', ['layout', 'ROW-1'], null, { type: 'ROW' }))).toMatchObject({ icon: 'layout', text: 'added a row to the layout' });
    expect(words(record('layout', 'remove', ['layout', 'HEADER-1'], { type: 'HEADER', meta: { text: 'Sales' } }, null)).text).toBe('removed a header “Sales” from the layout');
    expect(words(record('layout', 'change', ['layout', 'MARKDOWN-1'], { type: 'MARKDOWN', meta: { code: 'a' } }, { type: 'MARKDOWN', meta: { code: 'b' } })).text).toBe('changed a text block in the layout');
  });

  it('gives every kind its own icon', () => {
    const kinds = ['field', 'filter', 'metric', 'time_range', 'color_palette', 'dimension', 'column', 'chart', 'layout'] as const;
    expect(kinds.map((kind) => describeChange(record(kind, 'add', ['x', 'y', 'z'], null, 'v')).icon)).toEqual([...kinds]);
  });
});
