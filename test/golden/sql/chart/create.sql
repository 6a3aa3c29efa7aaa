with ev as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    values ($1::text, $2::uuid, $3::int, $4::uuid, $5::text, $6::jsonb, $7::jsonb, $8::timestamptz, 2, $10::text)
    returning position),
  head as (
    insert into "charts" (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, "owners", "tags", "name", "viz_type", "dataset_id", "params", "description", "cache_timeout", "certified_by", "certification_details", "external_url", "is_managed_externally", "query_context")
    values ($2::uuid, $10::text, $3::int, $4::uuid, $8::timestamptz, $9::text, $8::timestamptz, $9::text,
      array(select jsonb_array_elements_text(($12::jsonb -> 'document') -> 'owners')), array(select jsonb_array_elements_text(($12::jsonb -> 'document') -> 'tags')), (($12::jsonb -> 'document') ->> 'name')::text, (($12::jsonb -> 'document') ->> 'vizType')::text, (($12::jsonb -> 'document') ->> 'datasetId')::uuid, (($12::jsonb -> 'document') -> 'params'), (($12::jsonb -> 'document') ->> 'description')::text, (($12::jsonb -> 'document') ->> 'cacheTimeout')::integer, (($12::jsonb -> 'document') ->> 'certifiedBy')::text, (($12::jsonb -> 'document') ->> 'certificationDetails')::text, (($12::jsonb -> 'document') ->> 'externalUrl')::text, (($12::jsonb -> 'document') ->> 'isManagedExternally')::boolean, (($12::jsonb -> 'cached') -> 'queryContext'))),
  changes as (
    insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
    select ev.position, c.sequence::int, $10::text, $1::text, $2::uuid, $3::int, c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to', $8::timestamptz, 2
    from ev, jsonb_array_elements($11::jsonb) with ordinality as c(value, sequence))
  select position from ev
