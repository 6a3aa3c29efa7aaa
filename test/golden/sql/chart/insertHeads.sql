with heads as (select value from jsonb_array_elements($1::jsonb)),
  head_rows as (
    insert into "charts" (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at, "owners", "tags", "name", "viz_type", "dataset_id", "params", "description", "cache_timeout", "certified_by", "certification_details", "external_url", "is_managed_externally")
    select (h.value ->> 'id')::uuid, h.value ->> 'orgId', (h.value ->> 'version')::int, (h.value ->> 'versionId')::uuid,
           (h.value ->> 'createdAt')::timestamptz, h.value ->> 'createdBy', (h.value ->> 'updatedAt')::timestamptz, h.value ->> 'updatedBy',
           (h.value ->> 'deletedAt')::timestamptz, array(select jsonb_array_elements_text((h.value -> 'document') -> 'owners')), array(select jsonb_array_elements_text((h.value -> 'document') -> 'tags')), ((h.value -> 'document') ->> 'name')::text, ((h.value -> 'document') ->> 'vizType')::text, ((h.value -> 'document') ->> 'datasetId')::uuid, ((h.value -> 'document') -> 'params'), ((h.value -> 'document') ->> 'description')::text, ((h.value -> 'document') ->> 'cacheTimeout')::integer, ((h.value -> 'document') ->> 'certifiedBy')::text, ((h.value -> 'document') ->> 'certificationDetails')::text, ((h.value -> 'document') ->> 'externalUrl')::text, ((h.value -> 'document') ->> 'isManagedExternally')::boolean
    from heads h)
  select count(*)::int as heads from heads
