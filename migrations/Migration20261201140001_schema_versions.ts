import { Migration } from '@mikro-orm/migrations';

/**
 * Every event and snapshot records the schema version of its kind's definition when it was written;
 * rows written before versions existed are version 1. Only columns are added: PostgreSQL keeps a
 * constant default in the catalogue without rewriting a row, so the append-only trigger (which
 * refuses every UPDATE) never fires and stays exactly as it was.
 */
export class Migration20261201140001_schema_versions extends Migration {
  override name = 'Migration20261201140001_schema_versions';

  override up(): void {
    for (const table of ['revision_events', 'revision_snapshots']) {
      this.addSql(`alter table ${table} add column schema_version integer not null default 1 check (schema_version > 0)`);
    }
  }

  override down(): void {
    for (const table of ['revision_events', 'revision_snapshots']) this.addSql(`alter table ${table} drop column schema_version`);
  }
}
