select t.id, t.org_id, t.version, t.version_id, t.created_at, t.created_by, t.updated_at, t.updated_by, t.deleted_at,
           jsonb_build_object('owners', to_jsonb(t."owners"), 'tags', to_jsonb(t."tags"), 'name', to_jsonb(t."name"), 'vizType', to_jsonb(t."viz_type"), 'datasetId', to_jsonb(t."dataset_id"), 'params', t."params", 'description', to_jsonb(t."description"), 'cacheTimeout', to_jsonb(t."cache_timeout"), 'certifiedBy', to_jsonb(t."certified_by"), 'certificationDetails', to_jsonb(t."certification_details"), 'externalUrl', to_jsonb(t."external_url"), 'isManagedExternally', to_jsonb(t."is_managed_externally")) as document,
           jsonb_build_object('queryContext', t."query_context") as cached
    from "charts" t
    where t.org_id = $1::text and t.deleted_at is null
      and ($2::timestamptz is null or (t.created_at, t.id) < ($2::timestamptz, $3::uuid))
      and ($5::text is null or t.owners @> array[$5::text])
      and ($6::text is null or t.tags @> array[$6::text])
      and ($7::boolean is null or false)
      and ($8::text is null or t."name" ilike $8::text)
    order by t.created_at desc, t.id desc limit $4::int
