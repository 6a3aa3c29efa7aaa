update "charts" set version = version, "query_context" = case when $3::jsonb ? 'queryContext' then ($3::jsonb -> 'queryContext') else "query_context" end
    where id = $1::uuid and org_id = $2::text and deleted_at is null
