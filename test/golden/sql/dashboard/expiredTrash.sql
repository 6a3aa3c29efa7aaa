select "t"."id", "t"."org_id", "t"."title"::text as "label" from "dashboards" as "t" where "t"."deleted_at" is not null and "t"."deleted_at" < $1 and "t"."org_id" = $2 order by "t"."deleted_at" limit $3
-- $1 = "2026-12-01T00:00:00.000Z"
-- $2 = "acme"
-- $3 = 100
