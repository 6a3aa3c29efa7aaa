import { collection, defineEntity, field } from '#revisions/definition/entity-definition.js';
import { certifiedEntityFields } from '../shared/certified-entity.fields.js';
import { dropChartIds, dropLayoutCharts, layoutChartIds, metadataChartIds } from './dashboard-chart-refs.js';
import { dashboardChangeRules } from './dashboard.change-rules.js';
import { DashboardDto } from './dashboard.dto.js';
import { dashboardUpcasters } from './dashboard.upcasters.js';

export const dashboardDefinition = defineEntity({
  kind: 'dashboard',
  resource: 'dashboards',
  table: 'dashboards',
  labelField: 'title',
  uniqueFields: ['slug'],
  schemaVersion: 2,
  upcasters: dashboardUpcasters,
  changeRules: dashboardChangeRules,
  dto: DashboardDto,
  fields: {
    title: field.text({ required: true }),
    slug: field.text(),
    description: field.text(),
    css: field.text(),
    published: field.boolean(),
    metadata: field.json(),
    layout: field.json(),
    ...certifiedEntityFields,
    // Superset export fields (docs/bundles.md): kept so an import followed by an export loses nothing.
    themeId: field.integer(),
    roles: field.textList(),
  },
  collections: {
    chartIds: collection.ids({ table: 'dashboard_charts', parentColumn: 'dashboard_id', key: 'chartId' }),
  },
  references: [
    { kind: 'chart', field: 'chartIds', ids: (document) => Object.keys(document.chartIds as object), drop: dropChartIds },
    { kind: 'chart', field: 'layout', ids: (document) => layoutChartIds(document.layout), drop: dropLayoutCharts },
    { kind: 'chart', field: 'metadata', ids: (document) => metadataChartIds(document.metadata) },
  ],
});
