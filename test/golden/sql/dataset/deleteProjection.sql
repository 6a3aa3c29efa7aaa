delete from "datasets" as "t" where "t"."id" = $1
-- $1 = "00000000-0000-0000-0000-000000000001"
