with heads as (select value from jsonb_array_elements($1::jsonb)),
  head_rows as (
    insert into "dashboards" (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at, "owners", "tags", "title", "slug", "description", "css", "published", "metadata", "layout", "certified_by", "certification_details", "external_url", "is_managed_externally", "theme_id", "roles")
    select (h.value ->> 'id')::uuid, h.value ->> 'orgId', (h.value ->> 'version')::int, (h.value ->> 'versionId')::uuid,
           (h.value ->> 'createdAt')::timestamptz, h.value ->> 'createdBy', (h.value ->> 'updatedAt')::timestamptz, h.value ->> 'updatedBy',
           (h.value ->> 'deletedAt')::timestamptz, array(select jsonb_array_elements_text((h.value -> 'document') -> 'owners')), array(select jsonb_array_elements_text((h.value -> 'document') -> 'tags')), ((h.value -> 'document') ->> 'title')::text, ((h.value -> 'document') ->> 'slug')::text, ((h.value -> 'document') ->> 'description')::text, ((h.value -> 'document') ->> 'css')::text, ((h.value -> 'document') ->> 'published')::boolean, ((h.value -> 'document') -> 'metadata'), ((h.value -> 'document') -> 'layout'), ((h.value -> 'document') ->> 'certifiedBy')::text, ((h.value -> 'document') ->> 'certificationDetails')::text, ((h.value -> 'document') ->> 'externalUrl')::text, ((h.value -> 'document') ->> 'isManagedExternally')::boolean, ((h.value -> 'document') ->> 'themeId')::integer, array(select jsonb_array_elements_text((h.value -> 'document') -> 'roles'))
    from heads h),
  child_0 as (
    insert into "dashboard_charts" ("dashboard_id", "org_id", "chart_id")
    select (h.value ->> 'id')::uuid, h.value ->> 'orgId', x.key::uuid from heads h, jsonb_each((h.value -> 'document') -> 'chartIds') as x(key, value))
  select count(*)::int as heads from heads
