import type { BenchEngine } from './engine.js';

/** The entities every scenario edits: one dataset, its charts, and dashboards that show them. */
export interface BenchFixtures {
  chartIds: string[];
}

export async function createFixtures(engine: BenchEngine, charts = 40): Promise<BenchFixtures> {
  const dataset = await engine.create('dataset', {
    tableName: 'orders',
    schema: 'public',
    database: 'warehouse',
    description: 'One row per order',
    mainDttmCol: 'created_at',
    columns: [
      { columnName: 'country', type: 'TEXT', verboseName: 'Country', groupby: true },
      { columnName: 'created_at', type: 'TIMESTAMP', isDttm: true },
      { columnName: 'order_id', type: 'BIGINT', groupby: true, filterable: true },
      { columnName: 'revenue', type: 'NUMERIC' },
    ],
    metrics: [
      { metricName: 'count', expression: 'COUNT(*)', metricType: 'count' },
      { metricName: 'revenue', expression: 'SUM(revenue)', metricType: 'sum', d3format: ',.2f' },
    ],
  });
  const chartIds: string[] = [];
  for (let i = 0; i < charts; i++) {
    const chart = await engine.create('chart', {
      name: `Orders by country ${i}`,
      vizType: 'echarts_timeseries_line',
      datasetId: dataset.id,
      params: { metrics: ['count'], groupby: ['country'], time_range: 'Last week', color_scheme: 'supersetColors' },
      description: 'Daily orders',
      cacheTimeout: 300,
    });
    chartIds.push(chart.id);
  }
  return { chartIds };
}

/** An everyday dashboard (about 1.5 KB): three charts in a grid, a few metadata keys. */
export function smallDashboard(name: string, chartIds: string[]): object {
  const shown = chartIds.slice(0, 3);
  return {
    title: `Sales overview ${name}`,
    slug: `sales-${name}`,
    description: 'Quarterly numbers',
    published: true,
    metadata: { color_scheme: 'supersetColors', refresh_frequency: 60, cross_filters_enabled: true },
    layout: layout(shown, 0),
    chartIds: shown,
    tags: ['sales'],
  };
}

/**
 * A large dashboard (about 50 KB of JSON): 40 charts with markdown, headers and rows in its layout,
 * and native filters with scopes and per-chart configuration in its metadata.
 */
export function largeDashboard(name: string, chartIds: string[]): object {
  const filters = Array.from({ length: 8 }, (_, i) => ({
    id: `NATIVE_FILTER-${i.toString(36).padStart(8, 'x')}`,
    name: `Filter ${i}: ${['country', 'region', 'channel', 'segment'][i % 4]}`,
    filterType: i % 3 === 0 ? 'filter_time' : 'filter_select',
    targets: [{ column: { name: ['country', 'region', 'channel', 'segment'][i % 4] }, datasetId: 1 }],
    controlValues: { enableEmptyFilter: false, defaultToFirstItem: false, multiSelect: true, searchAllOptions: false, inverseSelection: false },
    defaultDataMask: { extraFormData: {}, filterState: {}, ownState: {} },
    cascadeParentIds: [],
    scope: { rootPath: ['ROOT_ID'], excluded: chartIds.filter((_, c) => (c + i) % 7 === 0) },
    type: 'NATIVE_FILTER',
    description: `Narrows every chart to the chosen ${['countries', 'regions', 'channels', 'segments'][i % 4]}.`,
    chartsInScope: chartIds.filter((_, c) => (c + i) % 7 !== 0),
    tabsInScope: [],
  }));
  const chartConfiguration = Object.fromEntries(
    chartIds.map((id, i) => [id, { id, crossFilters: { scope: 'global', chartsInScope: chartIds.filter((other) => other !== id).slice(0, 6 + (i % 3)) } }]),
  );
  return {
    title: `Company KPIs ${name}`,
    slug: `kpis-${name}`,
    description: 'Every team metric on one page, refreshed hourly.',
    css: '.dashboard-header { background: #fafafa; }\n.markdown h2 { font-weight: 600; }',
    published: true,
    metadata: {
      color_scheme: 'supersetColors',
      refresh_frequency: 3600,
      timed_refresh_immune_slices: [],
      expanded_slices: {},
      label_colors: { Europe: '#1FA8C9', Americas: '#454E7C', Asia: '#5AC189', Africa: '#FF7F44' },
      shared_label_colors: ['Europe', 'Americas', 'Asia', 'Africa'],
      cross_filters_enabled: true,
      native_filter_configuration: filters,
      chart_configuration: chartConfiguration,
    },
    layout: layout(chartIds, 40),
    chartIds,
    tags: ['kpi', 'company'],
  };
}

function layout(chartIds: string[], markdowns: number): Record<string, object> {
  const components: Record<string, object> = {};
  const rows: string[] = [];
  const perRow = 3;
  for (let r = 0; r * perRow < Math.max(chartIds.length, markdowns); r++) {
    const rowId = `ROW-${r}`;
    const children: string[] = [];
    for (const [c, chartId] of chartIds.slice(r * perRow, r * perRow + perRow).entries()) {
      const id = `CHART-${r * perRow + c}`;
      children.push(id);
      components[id] = { type: 'CHART', id, children: [], parents: ['ROOT_ID', 'GRID_ID', rowId], meta: { chartId, width: 4, height: 50, sliceName: `Chart ${r * perRow + c}`, uuid: chartId } };
    }
    if (r < markdowns) {
      const id = `MARKDOWN-${r}`;
      children.push(id);
      components[id] = {
        type: 'MARKDOWN',
        id,
        children: [],
        parents: ['ROOT_ID', 'GRID_ID', rowId],
        meta: { width: 4, height: 30, code: `## Section ${r}\n\nNumbers for region ${r}: revenue, orders and margin against the quarterly plan. Source: warehouse.orders, refreshed hourly.` },
      };
    }
    components[rowId] = { type: 'ROW', id: rowId, children, parents: ['ROOT_ID', 'GRID_ID'], meta: { background: 'BACKGROUND_TRANSPARENT' } };
    rows.push(rowId);
  }
  components.GRID_ID = { type: 'GRID', id: 'GRID_ID', children: rows, parents: ['ROOT_ID'] };
  components.HEADER_ID = { type: 'HEADER', id: 'HEADER_ID', meta: { text: 'Dashboard' } };
  components.ROOT_ID = { type: 'ROOT', id: 'ROOT_ID', children: ['GRID_ID'] };
  return components;
}

/** The edit every save scenario makes: three fields, so three change records, like a typical save. */
export function threeFieldEdit(n: number): { title: string; description: string; css: string } {
  return { title: `Sales overview, revision ${n}`, description: `Quarterly numbers (edit ${n})`, css: `.chart-${n % 97} { color: #${(n % 4096).toString(16).padStart(3, '0')}; }` };
}
