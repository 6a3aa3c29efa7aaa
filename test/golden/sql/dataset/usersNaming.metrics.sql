select "u"."id", array(select k from unnest($1::text[]) k where jsonb_path_exists("u"."params", 'strict $.** ? (@ == $k)', jsonb_build_object('k', k))) as "keys" from "charts" as "u" where "u"."org_id" = $2 and "u"."dataset_id" = $3 and "u"."deleted_at" is null order by "u"."id"
-- $1 = ["country","revenue"]
-- $2 = "acme"
-- $3 = "00000000-0000-0000-0000-000000000001"
