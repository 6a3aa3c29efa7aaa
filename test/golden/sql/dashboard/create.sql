with ev as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    values ($1::text, $2::uuid, $3::int, $4::uuid, $5::text, $6::jsonb, $7::jsonb, $8::timestamptz, 2, $10::text)
    returning position),
  head as (
    insert into "dashboards" (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, "owners", "tags", "title", "slug", "description", "css", "published", "metadata", "layout", "certified_by", "certification_details", "external_url", "is_managed_externally", "theme_id", "roles")
    values ($2::uuid, $10::text, $3::int, $4::uuid, $8::timestamptz, $9::text, $8::timestamptz, $9::text,
      array(select jsonb_array_elements_text(($12::jsonb -> 'document') -> 'owners')), array(select jsonb_array_elements_text(($12::jsonb -> 'document') -> 'tags')), (($12::jsonb -> 'document') ->> 'title')::text, (($12::jsonb -> 'document') ->> 'slug')::text, (($12::jsonb -> 'document') ->> 'description')::text, (($12::jsonb -> 'document') ->> 'css')::text, (($12::jsonb -> 'document') ->> 'published')::boolean, (($12::jsonb -> 'document') -> 'metadata'), (($12::jsonb -> 'document') -> 'layout'), (($12::jsonb -> 'document') ->> 'certifiedBy')::text, (($12::jsonb -> 'document') ->> 'certificationDetails')::text, (($12::jsonb -> 'document') ->> 'externalUrl')::text, (($12::jsonb -> 'document') ->> 'isManagedExternally')::boolean, (($12::jsonb -> 'document') ->> 'themeId')::integer, array(select jsonb_array_elements_text(($12::jsonb -> 'document') -> 'roles')))),
  upsert_0 as (
    insert into "dashboard_charts" ("dashboard_id", "org_id", "chart_id")
    select $2::uuid, $10::text, x.key::uuid from jsonb_each(($12::jsonb -> 'document') -> 'chartIds') as x(key, value)
    on conflict ("dashboard_id", "chart_id", org_id) do nothing),
  changes as (
    insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
    select ev.position, c.sequence::int, $10::text, $1::text, $2::uuid, $3::int, c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to', $8::timestamptz, 2
    from ev, jsonb_array_elements($11::jsonb) with ordinality as c(value, sequence))
  select position from ev
