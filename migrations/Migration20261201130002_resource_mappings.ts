import { Migration } from '@mikro-orm/migrations';

/**
 * Where imported content came from: (org, source, kind, source uuid) → the Rewind id it became, so
 * the same bundle imported again updates the same entities. Databases are not versioned kinds:
 * their connection YAML is kept as imported, so an export can name them as Superset expects.
 */
export class Migration20261201130002_resource_mappings extends Migration {
  override name = 'Migration20261201130002_resource_mappings';

  override up(): void {
    this.addSql(`
      create table resource_mappings (
        org_id      text        not null,
        source      text        not null,
        entity_kind text        not null,
        source_uuid uuid        not null,
        rewind_id   uuid        not null,
        created_at  timestamptz not null default now(),
        updated_at  timestamptz not null default now(),
        primary key (org_id, source, entity_kind, source_uuid)
      )`);
    this.addSql(`create index resource_mappings_rewind on resource_mappings (org_id, entity_kind, rewind_id)`);
    this.addSql(`
      create table bundle_databases (
        id            uuid        primary key,
        org_id        text        not null,
        database_name text        not null,
        config        jsonb       not null,
        updated_at    timestamptz not null default now(),
        constraint bundle_databases_name unique (org_id, database_name)
      )`);
  }

  override down(): void {
    this.addSql(`drop table if exists bundle_databases`);
    this.addSql(`drop table if exists resource_mappings`);
  }
}
