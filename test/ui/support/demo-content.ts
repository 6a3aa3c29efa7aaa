import type { ApiClient } from './api.js';

type Body = Record<string, any>;

const layoutOf = (charts: { id: string; name: string }[]) => {
  const layout: Body = {
    ROOT_ID: { type: 'ROOT', id: 'ROOT_ID', children: ['GRID_ID'] },
    GRID_ID: { type: 'GRID', id: 'GRID_ID', children: ['ROW-1'], parents: ['ROOT_ID'] },
    'ROW-1': { type: 'ROW', id: 'ROW-1', children: charts.map((_, i) => `CHART-${i}`), parents: ['ROOT_ID', 'GRID_ID'] },
  };
  charts.forEach((chart, i) => (layout[`CHART-${i}`] = { type: 'CHART', id: `CHART-${i}`, parents: ['ROOT_ID', 'GRID_ID', 'ROW-1'], meta: { chartId: chart.id, sliceName: chart.name, width: 6, height: 50 } }));
  return layout;
};

/** A small BI org: a dataset, two charts and a dashboard showing them, as a BI tool would save them. */
export async function createSalesContent(api: ApiClient) {
  const dataset = await api.send('POST', '/datasets', {
    tableName: 'orders',
    schema: 'public',
    database: 'warehouse',
    description: 'One row per order',
    mainDttmCol: 'created_at',
    sql: 'select o.id, o.country, o.amount, o.created_at\nfrom orders o\nwhere o.status = \'paid\'',
    columns: [
      { columnName: 'amount', type: 'NUMERIC', verboseName: 'Amount' },
      { columnName: 'country', type: 'TEXT', verboseName: 'Country', groupby: true, filterable: true },
      { columnName: 'created_at', type: 'TIMESTAMP', isDttm: true },
    ],
    metrics: [{ metricName: 'revenue', expression: 'SUM(amount)', metricType: 'sum', verboseName: 'Revenue', d3format: '$,.0f' }],
  });
  const revenue = await api.send('POST', '/charts', {
    name: 'Revenue',
    vizType: 'echarts_timeseries_line',
    datasetId: dataset.id,
    params: { metrics: ['revenue'], groupby: ['country'], time_range: 'Last week', color_scheme: 'supersetColors', adhoc_filters: [], row_limit: 1000 },
    description: 'Daily revenue by country',
  });
  const orders = await api.send('POST', '/charts', {
    name: 'Orders by country',
    vizType: 'table',
    datasetId: dataset.id,
    params: { metrics: [{ label: 'COUNT(*)', expressionType: 'SQL', sqlExpression: 'COUNT(*)' }], groupby: ['country'], time_range: 'Last month' },
  });
  const charts = [revenue, orders].map((chart) => ({ id: chart.id as string, name: chart.name as string }));
  const dashboard = await api.send('POST', '/dashboards', {
    title: 'Sales overview',
    slug: 'sales-overview',
    description: 'Weekly sales for the leadership meeting',
    published: false,
    metadata: { color_scheme: 'supersetColors', refresh_frequency: 0, time_range: 'Last week' },
    layout: layoutOf(charts),
    chartIds: charts.map((chart) => chart.id),
    tags: ['sales'],
  });
  // A few more, so the lists look like an org's.
  await api.send('POST', '/dashboards', { title: 'Marketing funnel', slug: 'marketing-funnel', published: true, tags: ['marketing'], chartIds: [orders.id], layout: layoutOf([charts[1]]) });
  await api.send('POST', '/dashboards', { title: 'Support tickets', slug: 'support-tickets', tags: ['support', 'ops'] });
  return { dataset, revenue, orders, dashboard, layoutOf, charts };
}
