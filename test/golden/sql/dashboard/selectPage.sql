select t.id, t.org_id, t.version, t.version_id, t.created_at, t.created_by, t.updated_at, t.updated_by, t.deleted_at,
           jsonb_build_object('owners', to_jsonb(t."owners"), 'tags', to_jsonb(t."tags"), 'title', to_jsonb(t."title"), 'slug', to_jsonb(t."slug"), 'description', to_jsonb(t."description"), 'css', to_jsonb(t."css"), 'published', to_jsonb(t."published"), 'metadata', t."metadata", 'layout', t."layout", 'certifiedBy', to_jsonb(t."certified_by"), 'certificationDetails', to_jsonb(t."certification_details"), 'externalUrl', to_jsonb(t."external_url"), 'isManagedExternally', to_jsonb(t."is_managed_externally"), 'themeId', to_jsonb(t."theme_id"), 'roles', to_jsonb(t."roles")) || jsonb_build_object('chartIds', (select coalesce(jsonb_object_agg(c."chart_id"::text, jsonb_build_object()), '{}'::jsonb)
        from "dashboard_charts" c where c."dashboard_id" = t.id and c.org_id = t.org_id)) as document,
           jsonb_build_object() as cached
    from "dashboards" t
    where t.org_id = $1::text and t.deleted_at is null
      and ($2::timestamptz is null or (t.created_at, t.id) < ($2::timestamptz, $3::uuid))
      and ($5::text is null or t.owners @> array[$5::text])
      and ($6::text is null or t.tags @> array[$6::text])
      and ($7::boolean is null or t."published" = $7::boolean)
      and ($8::text is null or t."title" ilike $8::text)
    order by t.created_at desc, t.id desc limit $4::int
