select "t"."id" from "dashboards" as "t" where "t"."org_id" = $1 and "t"."id" = any($2::uuid[])
-- $1 = "acme"
-- $2 = ["00000000-0000-0000-0000-000000000001"]
