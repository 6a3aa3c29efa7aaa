import { Migration } from '@mikro-orm/migrations';

/**
 * A dashboard's slug is unique among its org's live dashboards (the definition's `uniqueFields`).
 * The index makes concurrent writers lose with a 409; it is created only when the live rows hold no
 * duplicate yet, so an existing store with duplicates still migrates (the write-time check then
 * stops new duplicates, and a notice names the work left: rename them, then re-create the index).
 */
export class Migration20261201150006_unique_slug extends Migration {
  override name = 'Migration20261201150006_unique_slug';

  override up(): void {
    this.addSql(`do $$ begin
      if exists (select 1 from dashboards where deleted_at is null and slug is not null and slug <> '' group by org_id, slug having count(*) > 1) then
        raise notice 'dashboards hold duplicate live slugs: rename them, then create index dashboards_live_unique_slug';
      else
        create unique index dashboards_live_unique_slug on dashboards (org_id, slug) where deleted_at is null and slug is not null and slug <> '';
      end if;
    end $$`);
  }

  override down(): void {
    this.addSql('drop index if exists dashboards_live_unique_slug');
  }
}
