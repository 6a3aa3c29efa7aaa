select * from ((select 'dataset' as "entity_kind", "t"."id", "t"."table_name"::text as "label", "t"."deleted_at", "t"."updated_by" as "deleted_by", "t"."version" from "datasets" as "t" where "t"."org_id" = $1 and "t"."deleted_at" is not null and ("t"."deleted_at", "t"."id") < ($2::timestamptz, $3::uuid) order by "t"."deleted_at" desc, "t"."id" desc limit $4)) as "trash" order by "deleted_at" desc, "id" desc limit $5
-- $1 = "acme"
-- $2 = "2026-12-01T00:00:00.000Z"
-- $3 = "00000000-0000-0000-0000-000000000001"
-- $4 = 21
-- $5 = 21
