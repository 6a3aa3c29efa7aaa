with ev as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    select $1::text, $2::uuid, $3::int, $4::uuid, $5::text, $6::jsonb, $7::jsonb, $8::timestamptz, 2, $10::text where not exists (select p.entity_id::text from revision_purges p where p.org_id = $10::text and ((p.entity_kind = 'chart' and p.entity_id = any(array(select jsonb_array_elements_text($13::jsonb -> 'kept' -> 'chart'))::uuid[]))))
    returning position),
  head as (
    update "dashboards" set version = $3::int, version_id = $4::uuid, updated_at = $8::timestamptz, updated_by = $9::text,
      deleted_at = case $12::text when 'deleted' then $8::timestamptz when 'live' then null else deleted_at end,
      "owners" = case when ($13::jsonb -> 'fields') ? 'owners' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'owners')) else "owners" end,
      "tags" = case when ($13::jsonb -> 'fields') ? 'tags' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'tags')) else "tags" end,
      "title" = case when ($13::jsonb -> 'fields') ? 'title' then (($13::jsonb -> 'fields') ->> 'title')::text else "title" end,
      "slug" = case when ($13::jsonb -> 'fields') ? 'slug' then (($13::jsonb -> 'fields') ->> 'slug')::text else "slug" end,
      "description" = case when ($13::jsonb -> 'fields') ? 'description' then (($13::jsonb -> 'fields') ->> 'description')::text else "description" end,
      "css" = case when ($13::jsonb -> 'fields') ? 'css' then (($13::jsonb -> 'fields') ->> 'css')::text else "css" end,
      "published" = case when ($13::jsonb -> 'fields') ? 'published' then (($13::jsonb -> 'fields') ->> 'published')::boolean else "published" end,
      "metadata" = case when ($13::jsonb -> 'fields') ? 'metadata' then (($13::jsonb -> 'fields') -> 'metadata') else "metadata" end,
      "layout" = case when ($13::jsonb -> 'fields') ? 'layout' then (($13::jsonb -> 'fields') -> 'layout') else "layout" end,
      "certified_by" = case when ($13::jsonb -> 'fields') ? 'certifiedBy' then (($13::jsonb -> 'fields') ->> 'certifiedBy')::text else "certified_by" end,
      "certification_details" = case when ($13::jsonb -> 'fields') ? 'certificationDetails' then (($13::jsonb -> 'fields') ->> 'certificationDetails')::text else "certification_details" end,
      "external_url" = case when ($13::jsonb -> 'fields') ? 'externalUrl' then (($13::jsonb -> 'fields') ->> 'externalUrl')::text else "external_url" end,
      "is_managed_externally" = case when ($13::jsonb -> 'fields') ? 'isManagedExternally' then (($13::jsonb -> 'fields') ->> 'isManagedExternally')::boolean else "is_managed_externally" end,
      "theme_id" = case when ($13::jsonb -> 'fields') ? 'themeId' then (($13::jsonb -> 'fields') ->> 'themeId')::integer else "theme_id" end,
      "roles" = case when ($13::jsonb -> 'fields') ? 'roles' then array(select jsonb_array_elements_text(($13::jsonb -> 'fields') -> 'roles')) else "roles" end
    where id = $2::uuid and org_id = $10::text and version = $3::int - 1 and exists (select 1 from ev)
    returning jsonb_build_object() as cached),
  remove_0 as (
    delete from "dashboard_charts" where "dashboard_id" = $2::uuid and org_id = $10::text
      and "chart_id" = any(array(select jsonb_array_elements_text($13::jsonb -> 'removals' -> 'chartIds'))::uuid[]) and exists (select 1 from ev)),
  upsert_0 as (
    insert into "dashboard_charts" ("dashboard_id", "org_id", "chart_id")
    select $2::uuid, $10::text, x.key::uuid from jsonb_each((case when exists (select 1 from ev) then $13::jsonb -> 'upserts' end) -> 'chartIds') as x(key, value)
    on conflict ("dashboard_id", "chart_id", org_id) do nothing),
  changes as (
    insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
    select ev.position, c.sequence::int, $10::text, $1::text, $2::uuid, $3::int, c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to', $8::timestamptz, 2
    from ev, jsonb_array_elements($11::jsonb) with ordinality as c(value, sequence)),
  snapshot as (
    insert into revision_snapshots (stream_kind, stream_id, version, state, schema_version, org_id)
    select $1::text, $2::uuid, $3::int, $13::jsonb -> 'snapshot', 2, $10::text where jsonb_typeof($13::jsonb -> 'snapshot') = 'object' and exists (select 1 from ev))
  select (select position from ev) as position, (select cached from head) as cached,
      case when exists (select 1 from ev) then array[]::text[] else array(select p.entity_id::text from revision_purges p where p.org_id = $10::text and ((p.entity_kind = 'chart' and p.entity_id = any(array(select jsonb_array_elements_text($13::jsonb -> 'kept' -> 'chart'))::uuid[])))) end as gone
