import { Migration } from '@mikro-orm/migrations';

/** `q` on entity lists: case-insensitive substring search on each kind's label, served by trigram indexes. */
export class Migration20261201150005_label_search extends Migration {
  override name = 'Migration20261201150005_label_search';

  override up(): void {
    this.addSql('create extension if not exists pg_trgm');
    for (const [table, column] of [['dashboards', 'title'], ['charts', 'name'], ['datasets', 'table_name']]) {
      this.addSql(`create index ${table}_${column}_trgm on ${table} using gin (${column} gin_trgm_ops)`);
    }
  }

  override down(): void {
    for (const [table, column] of [['dashboards', 'title'], ['charts', 'name'], ['datasets', 'table_name']]) this.addSql(`drop index if exists ${table}_${column}_trgm`);
  }
}
