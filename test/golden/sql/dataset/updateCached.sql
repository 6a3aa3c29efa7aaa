update "datasets" set version = version
    where id = $1::uuid and org_id = $2::text and deleted_at is null
