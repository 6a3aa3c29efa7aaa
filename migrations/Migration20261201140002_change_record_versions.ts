import { Migration } from '@mikro-orm/migrations';

/**
 * Change records carry the schema version they were classified under. It is their event's version
 * when a save writes them, and the current one when a rebuild re-derives them from upcast events,
 * so reads know whether a record still needs upcasting (docs/schema-evolution.md).
 */
export class Migration20261201140002_change_record_versions extends Migration {
  override name = 'Migration20261201140002_change_record_versions';

  override up(): void {
    this.addSql(`alter table revision_changes add column schema_version integer not null default 1 check (schema_version > 0)`);
  }

  override down(): void {
    this.addSql(`alter table revision_changes drop column schema_version`);
  }
}
