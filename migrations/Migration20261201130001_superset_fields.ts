import { Migration } from '@mikro-orm/migrations';

/**
 * Homes for every field of Superset's export schema (docs/bundles.md), so a bundle imported and
 * exported again loses nothing. Defaults equal the definitions' defaults, so existing rows read
 * as if they had been written with the new fields.
 */
export class Migration20261201130001_superset_fields extends Migration {
  override name = 'Migration20261201130001_superset_fields';

  override up(): void {
    this.addSql(`
      alter table dashboards
        add column is_managed_externally boolean not null default false,
        add column theme_id              integer,
        add column roles                 text[]  not null default '{}'`);
    this.addSql(`alter table charts add column is_managed_externally boolean not null default false`);
    this.addSql(`
      alter table datasets
        add column currency_code_column    text,
        add column default_endpoint        text,
        add column "offset"                integer,
        add column source_db_engine        text,
        add column template_params         jsonb,
        add column filter_select_enabled   boolean not null default false,
        add column fetch_values_predicate  text,
        add column is_managed_externally   boolean not null default false,
        add column external_url            text,
        add column normalize_columns       boolean not null default false,
        add column always_filter_main_dttm boolean not null default false,
        add column folders                 jsonb,
        add column data_url                text,
        add column data_file               text`);
    this.addSql(`
      alter table dataset_columns
        add column is_active          boolean default true,
        add column python_date_format text,
        add column datetime_format    text,
        add column advanced_data_type text,
        add column extra              jsonb,
        add column uuid               text`);
    this.addSql(`
      alter table dataset_metrics
        add column warning_text text,
        add column extra        jsonb,
        add column uuid         text`);
  }

  override down(): void {
    this.addSql(`alter table dashboards drop column is_managed_externally, drop column theme_id, drop column roles`);
    this.addSql(`alter table charts drop column is_managed_externally`);
    this.addSql(`
      alter table datasets drop column currency_code_column, drop column default_endpoint, drop column "offset",
        drop column source_db_engine, drop column template_params, drop column filter_select_enabled,
        drop column fetch_values_predicate, drop column is_managed_externally, drop column external_url,
        drop column normalize_columns, drop column always_filter_main_dttm, drop column folders,
        drop column data_url, drop column data_file`);
    this.addSql(`alter table dataset_columns drop column is_active, drop column python_date_format, drop column datetime_format, drop column advanced_data_type, drop column extra, drop column uuid`);
    this.addSql(`alter table dataset_metrics drop column warning_text, drop column extra, drop column uuid`);
  }
}
