import { humanize } from './format-value';

/** What editors call the fields of dashboards, charts and datasets. */
const LABELS: Record<string, string> = {
  title: 'title',
  slug: 'URL slug',
  description: 'description',
  css: 'CSS',
  published: 'published state',
  metadata: 'dashboard settings',
  layout: 'layout',
  chartIds: 'charts',
  certifiedBy: 'certification',
  certificationDetails: 'certification details',
  externalUrl: 'external URL',
  name: 'name',
  vizType: 'chart type',
  viz_type: 'chart type',
  datasetId: 'dataset',
  params: 'chart settings',
  cacheTimeout: 'cache timeout',
  tableName: 'table name',
  schema: 'schema',
  catalog: 'catalog',
  database: 'database',
  sql: 'SQL',
  mainDttmCol: 'main time column',
  extra: 'extra settings',
  owners: 'owners',
  tags: 'tags',
  row_limit: 'row limit',
  refresh_frequency: 'refresh frequency',
  color_scheme: 'color palette',
  linear_color_scheme: 'linear color palette',
  label_colors: 'label colors',
  shared_label_colors: 'shared label colors',
  color_namespace: 'color namespace',
  time_range: 'time range',
  granularity_sqla: 'time column',
  time_grain_sqla: 'time grain',
  verboseName: 'display name',
  d3format: 'number format',
  isDttm: 'is-time flag',
  groupby: 'group-by flag',
  filterable: 'filterable flag',
  metricType: 'metric type',
};

/** The label of the last path segment: `['params', 'row_limit']` → "row limit". */
export function fieldLabel(path: readonly string[]): string {
  const key = path[path.length - 1] ?? 'value';
  return LABELS[key] ?? humanize(key);
}

/** Singular of a list field's label, for "added tag finance". */
export function itemLabel(path: readonly string[]): string {
  const key = path[path.length - 1];
  return key === 'owners' ? 'owner' : key === 'tags' ? 'tag' : key === 'chartIds' ? 'chart' : 'item';
}
