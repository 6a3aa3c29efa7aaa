with ev as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    values ($1::text, $2::uuid, $3::int, $4::uuid, $5::text, $6::jsonb, $7::jsonb, $8::timestamptz, 2, $10::text)
    returning position),
  head as (
    update "charts" set version = $3::int, version_id = $4::uuid, updated_at = $8::timestamptz, updated_by = $9::text,
      deleted_at = case $12::text when 'deleted' then $8::timestamptz when 'live' then null else deleted_at end,
      "owners" = case when ($13::jsonb -> 'fields') ? 'owners' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'owners')) else "owners" end,
      "tags" = case when ($13::jsonb -> 'fields') ? 'tags' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'tags')) else "tags" end,
      "name" = case when ($13::jsonb -> 'fields') ? 'name' then (($13::jsonb -> 'fields') ->> 'name')::text else "name" end,
      "viz_type" = case when ($13::jsonb -> 'fields') ? 'vizType' then (($13::jsonb -> 'fields') ->> 'vizType')::text else "viz_type" end,
      "dataset_id" = case when ($13::jsonb -> 'fields') ? 'datasetId' then (($13::jsonb -> 'fields') ->> 'datasetId')::uuid else "dataset_id" end,
      "params" = case when ($13::jsonb -> 'fields') ? 'params' then (($13::jsonb -> 'fields') -> 'params') else "params" end,
      "description" = case when ($13::jsonb -> 'fields') ? 'description' then (($13::jsonb -> 'fields') ->> 'description')::text else "description" end,
      "cache_timeout" = case when ($13::jsonb -> 'fields') ? 'cacheTimeout' then (($13::jsonb -> 'fields') ->> 'cacheTimeout')::integer else "cache_timeout" end,
      "certified_by" = case when ($13::jsonb -> 'fields') ? 'certifiedBy' then (($13::jsonb -> 'fields') ->> 'certifiedBy')::text else "certified_by" end,
      "certification_details" = case when ($13::jsonb -> 'fields') ? 'certificationDetails' then (($13::jsonb -> 'fields') ->> 'certificationDetails')::text else "certification_details" end,
      "external_url" = case when ($13::jsonb -> 'fields') ? 'externalUrl' then (($13::jsonb -> 'fields') ->> 'externalUrl')::text else "external_url" end,
      "is_managed_externally" = case when ($13::jsonb -> 'fields') ? 'isManagedExternally' then (($13::jsonb -> 'fields') ->> 'isManagedExternally')::boolean else "is_managed_externally" end,
      "query_context" = case when ($13::jsonb -> 'cached') ? 'queryContext' then (($13::jsonb -> 'cached') -> 'queryContext') else "query_context" end
    where id = $2::uuid and org_id = $10::text and version = $3::int - 1
    returning jsonb_build_object('queryContext', "charts"."query_context") as cached),
  changes as (
    insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
    select ev.position, c.sequence::int, $10::text, $1::text, $2::uuid, $3::int, c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to', $8::timestamptz, 2
    from ev, jsonb_array_elements($11::jsonb) with ordinality as c(value, sequence)),
  snapshot as (
    insert into revision_snapshots (stream_kind, stream_id, version, state, schema_version, org_id)
    select $1::text, $2::uuid, $3::int, $13::jsonb -> 'snapshot', 2, $10::text where jsonb_typeof($13::jsonb -> 'snapshot') = 'object')
  select position, (select cached from head) as cached from ev
