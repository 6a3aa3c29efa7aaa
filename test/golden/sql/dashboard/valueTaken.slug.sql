select 1 as "taken" from "dashboards" as "t" where "t"."org_id" = $1 and "t"."slug" = $2 and "t"."deleted_at" is null and "t"."id" <> $3 limit $4
-- $1 = "acme"
-- $2 = "sales"
-- $3 = "00000000-0000-0000-0000-000000000001"
-- $4 = 1
