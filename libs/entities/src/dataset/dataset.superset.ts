import { codecs, safeFileName, type SupersetMapping } from '#bundles/superset/superset-mapping.js';
import { externalManagementYamlKeys } from '../shared/certified-entity.superset.js';

const jsonOrNull = { read: codecs.jsonObject, write: codecs.emptyAsNull };

/** Superset's dataset YAML (ImportV1DatasetSchema, columns and metrics included) ↔ the dataset definition. */
export const datasetSuperset: SupersetMapping = {
  kind: 'dataset',
  folder: 'datasets',
  metadataType: 'SqlaTable',
  fileName: (document) => safeFileName(String(document.tableName ?? ''), String(document.id ?? '')),
  fields: {
    table_name: 'tableName',
    main_dttm_col: 'mainDttmCol',
    currency_code_column: { field: 'currencyCodeColumn', optional: true },
    description: 'description',
    default_endpoint: 'defaultEndpoint',
    offset: 'offset',
    cache_timeout: 'cacheTimeout',
    catalog: 'catalog',
    schema: 'schema',
    sql: 'sql',
    source_db_engine: { field: 'sourceDbEngine', optional: true },
    params: { field: 'params', ...jsonOrNull },
    template_params: { field: 'templateParams', ...jsonOrNull },
    filter_select_enabled: 'filterSelectEnabled',
    fetch_values_predicate: 'fetchValuesPredicate',
    extra: { field: 'extra', ...jsonOrNull },
    ...externalManagementYamlKeys,
    normalize_columns: 'normalizeColumns',
    always_filter_main_dttm: 'alwaysFilterMainDttm',
    folders: { field: 'folders', optional: true },
    data: { field: 'dataUrl', optional: true },
    data_file: { field: 'dataFile', optional: true },
  },
  collections: {
    columns: {
      field: 'columns',
      items: {
        column_name: 'columnName',
        verbose_name: 'verboseName',
        is_dttm: 'isDttm',
        is_active: 'isActive',
        type: 'type',
        advanced_data_type: 'advancedDataType',
        groupby: 'groupby',
        filterable: 'filterable',
        expression: 'expression',
        description: 'description',
        python_date_format: 'pythonDateFormat',
        datetime_format: { field: 'datetimeFormat', optional: true },
        extra: { field: 'extra', read: codecs.jsonObject },
        uuid: 'uuid',
      },
    },
    metrics: {
      field: 'metrics',
      items: {
        metric_name: 'metricName',
        verbose_name: 'verboseName',
        metric_type: 'metricType',
        expression: 'expression',
        description: 'description',
        d3format: 'd3format',
        currency: { field: 'currency', read: codecs.jsonObject },
        extra: { field: 'extra', read: codecs.jsonObject },
        warning_text: 'warningText',
        uuid: 'uuid',
      },
    },
  },
  references: { database_uuid: { kind: 'database', field: 'database' } },
};
