import { defineEntity, field } from '#revisions/definition/entity-definition.js';
import { certifiedEntityFields } from '../shared/certified-entity.fields.js';
import { chartChangeRules } from './chart.change-rules.js';
import { ChartDto } from './chart.dto.js';
import { chartUpcasters } from './chart.upcasters.js';

export const chartDefinition = defineEntity({
  kind: 'chart',
  resource: 'charts',
  table: 'charts',
  labelField: 'name',
  schemaVersion: 2,
  upcasters: chartUpcasters,
  changeRules: chartChangeRules,
  dto: ChartDto,
  fields: {
    name: field.text({ required: true }),
    vizType: field.text({ required: true }),
    datasetId: field.uuid(),
    params: field.json(),
    description: field.text(),
    cacheTimeout: field.integer(),
    ...certifiedEntityFields,
  },
  cached: {
    queryContext: field.json({ defaultValue: null }),
  },
  references: [{ kind: 'dataset', field: 'datasetId', ids: (document) => (typeof document.datasetId === 'string' ? [document.datasetId] : []) }],
});
