import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import { writeZip } from '#bundles/zip/write-zip.js';

/** Plain YAML-ready data, as Superset's exporter builds it before dumping. */
export type Yaml = Record<string, unknown>;

export interface BuiltChart {
  uuid: string;
  /** The integer id the chart has in the Superset that exported it. */
  chartId: number;
  datasetUuid: string;
  config: Yaml;
}

let nextChartId = 100;

/**
 * Writes bundles the way Superset's "Export" does: `<root>/metadata.yaml`, `databases/*.yaml`,
 * `datasets/<database>/*.yaml`, `charts/*.yaml`, `dashboards/*.yaml`, snake_case keys, integer
 * chart ids inside dashboards with the (chartId, uuid) pairs in `position`.
 */
export class SupersetBundleBuilder {
  readonly databases: Yaml[] = [];
  readonly datasets: Yaml[] = [];
  readonly charts: BuiltChart[] = [];
  readonly dashboards: Yaml[] = [];
  private readonly extra: Record<string, string> = {};

  constructor(readonly root = `dashboard_export_20261201T120000`) {}

  database(overrides: Yaml = {}): Yaml {
    const database = {
      database_name: `warehouse_${this.databases.length}`,
      sqlalchemy_uri: 'postgresql://superset:XXXXXXXXXX@db:5432/warehouse',
      cache_timeout: null,
      expose_in_sqllab: true,
      allow_run_async: false,
      allow_ctas: false,
      allow_cvas: false,
      allow_dml: false,
      allow_file_upload: false,
      extra: { allows_virtual_table_explore: true },
      impersonate_user: false,
      uuid: randomUUID(),
      version: '1.0.0',
      ...overrides,
    };
    this.databases.push(database);
    return database;
  }

  dataset(database: Yaml = this.databases[0] ?? this.database(), overrides: Yaml = {}): Yaml {
    const dataset = {
      table_name: `orders_${this.datasets.length}`,
      main_dttm_col: 'order_date',
      description: 'One row per order',
      default_endpoint: null,
      offset: 0,
      cache_timeout: null,
      catalog: null,
      schema: 'public',
      sql: null,
      params: null,
      template_params: null,
      filter_select_enabled: true,
      fetch_values_predicate: null,
      extra: null,
      normalize_columns: false,
      always_filter_main_dttm: false,
      uuid: randomUUID(),
      metrics: [
        { metric_name: 'count', verbose_name: 'COUNT(*)', metric_type: 'count', expression: 'COUNT(*)', description: null, d3format: null, currency: null, extra: {}, warning_text: null },
        { metric_name: 'revenue', verbose_name: null, metric_type: null, expression: 'SUM(price_each)', description: null, d3format: ',.2f', currency: { symbol: 'EUR', symbolPosition: 'suffix' }, extra: {}, warning_text: 'net of tax' },
      ],
      columns: [
        { column_name: 'order_date', verbose_name: null, is_dttm: true, is_active: true, type: 'TIMESTAMP WITHOUT TIME ZONE', advanced_data_type: null, groupby: true, filterable: true, expression: null, description: null, python_date_format: null, extra: {} },
        { column_name: 'country', verbose_name: 'Country', is_dttm: false, is_active: true, type: 'TEXT', advanced_data_type: null, groupby: true, filterable: true, expression: null, description: null, python_date_format: null, extra: {} },
        { column_name: 'price_each', verbose_name: null, is_dttm: false, is_active: true, type: 'DOUBLE PRECISION', advanced_data_type: null, groupby: false, filterable: true, expression: null, description: null, python_date_format: null, extra: {} },
      ],
      version: '1.0.0',
      database_uuid: database.uuid,
      ...overrides,
    };
    this.datasets.push(dataset);
    return dataset;
  }

  chart(dataset: Yaml = this.datasets[0] ?? this.dataset(), overrides: Yaml = {}): BuiltChart {
    const chartId = nextChartId++;
    const uuid = randomUUID();
    const params = { datasource: `${chartId}__table`, viz_type: 'echarts_timeseries_bar', metrics: ['count'], groupby: ['country'], adhoc_filters: [], time_range: 'No filter', color_scheme: 'supersetColors', row_limit: 10000 };
    const config = {
      slice_name: `Orders by country ${this.charts.length}`,
      description: null,
      certified_by: null,
      certification_details: null,
      viz_type: 'echarts_timeseries_bar',
      params,
      query_context: JSON.stringify({ datasource: { id: chartId, type: 'table' }, queries: [{ metrics: ['count'] }] }),
      cache_timeout: null,
      uuid,
      version: '1.0.0',
      dataset_uuid: dataset.uuid,
      ...overrides,
    };
    const chart = { uuid, chartId, datasetUuid: dataset.uuid as string, config };
    this.charts.push(chart);
    return chart;
  }

  /** A dashboard of `charts` with cross-filters, native filters and legacy scopes that name them by integer id. */
  dashboard(charts: BuiltChart[], overrides: Yaml = {}): Yaml {
    const ids = charts.map((chart) => chart.chartId);
    const position: Yaml = {
      DASHBOARD_VERSION_KEY: 'v2',
      ROOT_ID: { children: ['GRID_ID'], id: 'ROOT_ID', type: 'ROOT' },
      GRID_ID: { children: ['ROW-1'], id: 'GRID_ID', parents: ['ROOT_ID'], type: 'GRID' },
      HEADER_ID: { id: 'HEADER_ID', meta: { text: 'Sales' }, type: 'HEADER' },
      'ROW-1': { children: charts.map((_, i) => `CHART-${i}`), id: 'ROW-1', meta: { background: 'BACKGROUND_TRANSPARENT' }, parents: ['ROOT_ID', 'GRID_ID'], type: 'ROW' },
    };
    charts.forEach((chart, i) => {
      position[`CHART-${i}`] = {
        children: [],
        id: `CHART-${i}`,
        meta: { chartId: chart.chartId, height: 50, sliceName: chart.config.slice_name, uuid: chart.uuid, width: 4 },
        parents: ['ROOT_ID', 'GRID_ID', 'ROW-1'],
        type: 'CHART',
      };
    });
    const [first, ...rest] = ids;
    const metadata = {
      timed_refresh_immune_slices: [first],
      expanded_slices: { [String(first)]: true },
      refresh_frequency: 0,
      default_filters: JSON.stringify({ [String(first)]: { country: ['FR'] } }),
      filter_scopes: { [String(first)]: { country: { scope: ['ROOT_ID'], immune: rest.slice(0, 1) } } },
      color_scheme: 'supersetColors',
      label_colors: { FR: '#1FA8C9' },
      shared_label_colors: [],
      cross_filters_enabled: true,
      chart_configuration: Object.fromEntries(
        ids.map((id) => [String(id), { id, crossFilters: { scope: { rootPath: ['ROOT_ID'], excluded: [id] }, chartsInScope: ids.filter((other) => other !== id) } }]),
      ),
      global_chart_configuration: { scope: { rootPath: ['ROOT_ID'], excluded: [] }, chartsInScope: ids },
      native_filter_configuration: [
        {
          id: 'NATIVE_FILTER-country',
          controlValues: { enableEmptyFilter: false, multiSelect: true },
          name: 'Country',
          filterType: 'filter_select',
          targets: [{ column: { name: 'country' }, datasetUuid: charts[0].datasetUuid }],
          defaultDataMask: { extraFormData: {}, filterState: {}, ownState: {} },
          cascadeParentIds: [],
          scope: { rootPath: ['ROOT_ID'], excluded: rest.slice(0, 1) },
          type: 'NATIVE_FILTER',
          description: '',
          chartsInScope: ids,
          tabsInScope: [],
        },
      ],
    };
    const dashboard = {
      dashboard_title: `Sales ${this.dashboards.length}`,
      description: null,
      css: '',
      slug: null,
      certified_by: '',
      certification_details: '',
      published: true,
      uuid: randomUUID(),
      position,
      metadata,
      version: '1.0.0',
      ...overrides,
    };
    this.dashboards.push(dashboard);
    return dashboard;
  }

  /** Adds a file as it is (hostile bundles). */
  file(name: string, text: string): this {
    this.extra[name] = text;
    return this;
  }

  files(): Record<string, string> {
    const databaseName = (uuid: unknown) => this.databases.find((database) => database.uuid === uuid)?.database_name ?? 'unknown';
    const files: Record<string, string> = {
      'metadata.yaml': stringify({ version: '1.0.0', type: this.dashboards.length ? 'Dashboard' : 'Slice', timestamp: '2026-12-01T12:00:00.000000+00:00' }),
    };
    for (const database of this.databases) files[`databases/${database.database_name}.yaml`] = stringify(database);
    for (const dataset of this.datasets) files[`datasets/${databaseName(dataset.database_uuid)}/${dataset.table_name}.yaml`] = stringify(dataset);
    for (const chart of this.charts) files[`charts/${String(chart.config.slice_name).replaceAll(' ', '_')}_${chart.chartId}.yaml`] = stringify(chart.config);
    this.dashboards.forEach((dashboard, i) => (files[`dashboards/${String(dashboard.dashboard_title).replaceAll(' ', '_')}_${i + 1}.yaml`] = stringify(dashboard)));
    return { ...files, ...this.extra };
  }

  zip(): Promise<Buffer> {
    return writeZip(Object.entries(this.files()).map(([name, text]) => ({ name: this.root ? `${this.root}/${name}` : name, text })));
  }
}
