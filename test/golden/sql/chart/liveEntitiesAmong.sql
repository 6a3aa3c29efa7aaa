select "t"."id" from "charts" as "t" where "t"."org_id" = $1 and "t"."id" = any($2::uuid[]) and "t"."deleted_at" is null
-- $1 = "acme"
-- $2 = ["00000000-0000-0000-0000-000000000001"]
