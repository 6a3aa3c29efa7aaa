import { Migration } from '@mikro-orm/migrations';

/**
 * A save checks, inside its append, that the entities it keeps referencing were not purged since:
 * one index probe per kept id.
 */
export class Migration20261204050001_purges_by_entity extends Migration {
  override name = 'Migration20261204050001_purges_by_entity';

  override up(): void {
    this.addSql('create index revision_purges_entity on revision_purges (entity_id, entity_kind, org_id)');
  }

  override down(): void {
    this.addSql('drop index if exists revision_purges_entity');
  }
}
