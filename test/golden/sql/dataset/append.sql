with ev as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    values ($1::text, $2::uuid, $3::int, $4::uuid, $5::text, $6::jsonb, $7::jsonb, $8::timestamptz, 2, $10::text)
    returning position),
  head as (
    update "datasets" set version = $3::int, version_id = $4::uuid, updated_at = $8::timestamptz, updated_by = $9::text,
      deleted_at = case $12::text when 'deleted' then $8::timestamptz when 'live' then null else deleted_at end,
      "owners" = case when ($13::jsonb -> 'fields') ? 'owners' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'owners')) else "owners" end,
      "tags" = case when ($13::jsonb -> 'fields') ? 'tags' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'tags')) else "tags" end,
      "table_name" = case when ($13::jsonb -> 'fields') ? 'tableName' then (($13::jsonb -> 'fields') ->> 'tableName')::text else "table_name" end,
      "schema" = case when ($13::jsonb -> 'fields') ? 'schema' then (($13::jsonb -> 'fields') ->> 'schema')::text else "schema" end,
      "catalog" = case when ($13::jsonb -> 'fields') ? 'catalog' then (($13::jsonb -> 'fields') ->> 'catalog')::text else "catalog" end,
      "database" = case when ($13::jsonb -> 'fields') ? 'database' then (($13::jsonb -> 'fields') ->> 'database')::text else "database" end,
      "sql" = case when ($13::jsonb -> 'fields') ? 'sql' then (($13::jsonb -> 'fields') ->> 'sql')::text else "sql" end,
      "description" = case when ($13::jsonb -> 'fields') ? 'description' then (($13::jsonb -> 'fields') ->> 'description')::text else "description" end,
      "main_dttm_col" = case when ($13::jsonb -> 'fields') ? 'mainDttmCol' then (($13::jsonb -> 'fields') ->> 'mainDttmCol')::text else "main_dttm_col" end,
      "cache_timeout" = case when ($13::jsonb -> 'fields') ? 'cacheTimeout' then (($13::jsonb -> 'fields') ->> 'cacheTimeout')::integer else "cache_timeout" end,
      "params" = case when ($13::jsonb -> 'fields') ? 'params' then (($13::jsonb -> 'fields') -> 'params') else "params" end,
      "extra" = case when ($13::jsonb -> 'fields') ? 'extra' then (($13::jsonb -> 'fields') -> 'extra') else "extra" end,
      "currency_code_column" = case when ($13::jsonb -> 'fields') ? 'currencyCodeColumn' then (($13::jsonb -> 'fields') ->> 'currencyCodeColumn')::text else "currency_code_column" end,
      "default_endpoint" = case when ($13::jsonb -> 'fields') ? 'defaultEndpoint' then (($13::jsonb -> 'fields') ->> 'defaultEndpoint')::text else "default_endpoint" end,
      "offset" = case when ($13::jsonb -> 'fields') ? 'offset' then (($13::jsonb -> 'fields') ->> 'offset')::integer else "offset" end,
      "source_db_engine" = case when ($13::jsonb -> 'fields') ? 'sourceDbEngine' then (($13::jsonb -> 'fields') ->> 'sourceDbEngine')::text else "source_db_engine" end,
      "template_params" = case when ($13::jsonb -> 'fields') ? 'templateParams' then (($13::jsonb -> 'fields') -> 'templateParams') else "template_params" end,
      "filter_select_enabled" = case when ($13::jsonb -> 'fields') ? 'filterSelectEnabled' then (($13::jsonb -> 'fields') ->> 'filterSelectEnabled')::boolean else "filter_select_enabled" end,
      "fetch_values_predicate" = case when ($13::jsonb -> 'fields') ? 'fetchValuesPredicate' then (($13::jsonb -> 'fields') ->> 'fetchValuesPredicate')::text else "fetch_values_predicate" end,
      "is_managed_externally" = case when ($13::jsonb -> 'fields') ? 'isManagedExternally' then (($13::jsonb -> 'fields') ->> 'isManagedExternally')::boolean else "is_managed_externally" end,
      "external_url" = case when ($13::jsonb -> 'fields') ? 'externalUrl' then (($13::jsonb -> 'fields') ->> 'externalUrl')::text else "external_url" end,
      "normalize_columns" = case when ($13::jsonb -> 'fields') ? 'normalizeColumns' then (($13::jsonb -> 'fields') ->> 'normalizeColumns')::boolean else "normalize_columns" end,
      "always_filter_main_dttm" = case when ($13::jsonb -> 'fields') ? 'alwaysFilterMainDttm' then (($13::jsonb -> 'fields') ->> 'alwaysFilterMainDttm')::boolean else "always_filter_main_dttm" end,
      "folders" = case when ($13::jsonb -> 'fields') ? 'folders' then (($13::jsonb -> 'fields') -> 'folders') else "folders" end,
      "data_url" = case when ($13::jsonb -> 'fields') ? 'dataUrl' then (($13::jsonb -> 'fields') ->> 'dataUrl')::text else "data_url" end,
      "data_file" = case when ($13::jsonb -> 'fields') ? 'dataFile' then (($13::jsonb -> 'fields') ->> 'dataFile')::text else "data_file" end
    where id = $2::uuid and org_id = $10::text and version = $3::int - 1
    returning jsonb_build_object() as cached),
  remove_0 as (
    delete from "dataset_columns" where "dataset_id" = $2::uuid and org_id = $10::text
      and "column_name" = any(array(select jsonb_array_elements_text($13::jsonb -> 'removals' -> 'columns'))::text[])),
  remove_1 as (
    delete from "dataset_metrics" where "dataset_id" = $2::uuid and org_id = $10::text
      and "metric_name" = any(array(select jsonb_array_elements_text($13::jsonb -> 'removals' -> 'metrics'))::text[])),
  upsert_0 as (
    insert into "dataset_columns" ("dataset_id", "org_id", "column_name", "type", "expression", "verbose_name", "is_dttm", "groupby", "filterable", "description", "is_active", "python_date_format", "datetime_format", "advanced_data_type", "extra", "uuid")
    select $2::uuid, $10::text, x.key::text, (x.value ->> 'type')::text, (x.value ->> 'expression')::text, (x.value ->> 'verboseName')::text, (x.value ->> 'isDttm')::boolean, (x.value ->> 'groupby')::boolean, (x.value ->> 'filterable')::boolean, (x.value ->> 'description')::text, (x.value ->> 'isActive')::boolean, (x.value ->> 'pythonDateFormat')::text, (x.value ->> 'datetimeFormat')::text, (x.value ->> 'advancedDataType')::text, (x.value -> 'extra'), (x.value ->> 'uuid')::text from jsonb_each(($13::jsonb -> 'upserts') -> 'columns') as x(key, value)
    on conflict ("dataset_id", "column_name", org_id) do update set "type" = excluded."type", "expression" = excluded."expression", "verbose_name" = excluded."verbose_name", "is_dttm" = excluded."is_dttm", "groupby" = excluded."groupby", "filterable" = excluded."filterable", "description" = excluded."description", "is_active" = excluded."is_active", "python_date_format" = excluded."python_date_format", "datetime_format" = excluded."datetime_format", "advanced_data_type" = excluded."advanced_data_type", "extra" = excluded."extra", "uuid" = excluded."uuid"),
  upsert_1 as (
    insert into "dataset_metrics" ("dataset_id", "org_id", "metric_name", "expression", "metric_type", "verbose_name", "d3format", "currency", "description", "warning_text", "extra", "uuid")
    select $2::uuid, $10::text, x.key::text, (x.value ->> 'expression')::text, (x.value ->> 'metricType')::text, (x.value ->> 'verboseName')::text, (x.value ->> 'd3format')::text, (x.value -> 'currency'), (x.value ->> 'description')::text, (x.value ->> 'warningText')::text, (x.value -> 'extra'), (x.value ->> 'uuid')::text from jsonb_each(($13::jsonb -> 'upserts') -> 'metrics') as x(key, value)
    on conflict ("dataset_id", "metric_name", org_id) do update set "expression" = excluded."expression", "metric_type" = excluded."metric_type", "verbose_name" = excluded."verbose_name", "d3format" = excluded."d3format", "currency" = excluded."currency", "description" = excluded."description", "warning_text" = excluded."warning_text", "extra" = excluded."extra", "uuid" = excluded."uuid"),
  changes as (
    insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
    select ev.position, c.sequence::int, $10::text, $1::text, $2::uuid, $3::int, c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to', $8::timestamptz, 2
    from ev, jsonb_array_elements($11::jsonb) with ordinality as c(value, sequence)),
  snapshot as (
    insert into revision_snapshots (stream_kind, stream_id, version, state, schema_version, org_id)
    select $1::text, $2::uuid, $3::int, $13::jsonb -> 'snapshot', 2, $10::text where jsonb_typeof($13::jsonb -> 'snapshot') = 'object')
  select position, (select cached from head) as cached from ev
