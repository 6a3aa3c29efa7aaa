import { collection, defineEntity, field } from '../../../revisions/src/definition/entity-definition.js';
import { datasetChangeRules } from './dataset.change-rules.js';
import { DatasetDto } from './dataset.dto.js';

export const datasetDefinition = defineEntity({
  kind: 'dataset',
  resource: 'datasets',
  table: 'datasets',
  changeRules: datasetChangeRules,
  dto: DatasetDto,
  fields: {
    tableName: field.text({ required: true }),
    schema: field.text(),
    catalog: field.text(),
    database: field.text(),
    sql: field.text(),
    description: field.text(),
    mainDttmCol: field.text(),
    cacheTimeout: field.integer(),
    params: field.json(),
    extra: field.json(),
  },
  collections: {
    columns: collection.keyed({
      table: 'dataset_columns',
      parentColumn: 'dataset_id',
      key: 'columnName',
      usedBy: { kind: 'chart', via: 'datasetId', in: 'params' },
      itemFields: {
        type: field.text(),
        expression: field.text(),
        verboseName: field.text(),
        isDttm: field.boolean(),
        groupby: field.boolean(),
        filterable: field.boolean(),
        description: field.text(),
      },
    }),
    metrics: collection.keyed({
      table: 'dataset_metrics',
      parentColumn: 'dataset_id',
      key: 'metricName',
      usedBy: { kind: 'chart', via: 'datasetId', in: 'params' },
      itemFields: {
        expression: field.text(),
        metricType: field.text(),
        verboseName: field.text(),
        d3format: field.text({ column: 'd3format' }),
        currency: field.json({ defaultValue: null }),
        description: field.text(),
      },
    }),
  },
});
