select "t"."id" from "datasets" as "t" where "t"."id" = $1 and "t"."org_id" = $2 and "t"."deleted_at" is not null for update
-- $1 = "00000000-0000-0000-0000-000000000001"
-- $2 = "acme"
