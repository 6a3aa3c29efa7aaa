import { codecs, safeFileName, type SupersetMapping } from '#bundles/superset/superset-mapping.js';
import { certificationYamlKeys, externalManagementYamlKeys } from '../shared/certified-entity.superset.js';

/** Superset's chart YAML (ImportV1ChartSchema) ↔ the chart definition. */
export const chartSuperset: SupersetMapping = {
  kind: 'chart',
  folder: 'charts',
  metadataType: 'Slice',
  fileName: (document) => safeFileName(String(document.name ?? ''), String(document.id ?? '')),
  fields: {
    slice_name: 'name',
    description: 'description',
    ...certificationYamlKeys,
    viz_type: 'vizType',
    params: { field: 'params', read: codecs.jsonObject },
    cache_timeout: 'cacheTimeout',
    ...externalManagementYamlKeys,
    tags: { field: 'tags', optional: true },
  },
  cached: { query_context: { field: 'queryContext', read: codecs.jsonObject, write: codecs.jsonText } },
  references: { dataset_uuid: { kind: 'dataset', field: 'datasetId' } },
};
