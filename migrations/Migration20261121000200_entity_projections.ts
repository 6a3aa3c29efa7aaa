import { Migration } from '@mikro-orm/migrations';

/**
 * Current-state projections of dashboards, charts and datasets. Every kind shares the lifecycle
 * and audit columns; children are keyed by their natural key and updated in place.
 */
export class Migration20261121000200_entity_projections extends Migration {
  override name = 'Migration20261121000200_entity_projections';

  override up(): void {
    const common = `
        id            uuid primary key,
        org_id        text        not null,
        version       integer     not null,
        version_id    uuid        not null,
        created_at    timestamptz not null,
        created_by    text        not null,
        updated_at    timestamptz not null,
        updated_by    text        not null,
        deleted_at    timestamptz,
        owners        text[]      not null,
        tags          text[]      not null`;

    this.addSql(`
      create table dashboards (${common},
        title                 text    not null,
        slug                  text,
        description           text,
        css                   text,
        published             boolean not null,
        metadata              jsonb   not null,
        layout                jsonb   not null,
        certified_by          text,
        certification_details text,
        external_url          text
      )`);
    this.addSql(`
      create table datasets (${common},
        table_name    text not null,
        schema        text,
        catalog       text,
        database      text,
        sql           text,
        description   text,
        main_dttm_col text,
        cache_timeout integer,
        params        jsonb not null,
        extra         jsonb not null
      )`);
    this.addSql(`
      create table charts (${common},
        name                  text  not null,
        viz_type              text  not null,
        dataset_id            uuid,
        params                jsonb not null,
        description           text,
        cache_timeout         integer,
        certified_by          text,
        certification_details text,
        external_url          text,
        query_context         jsonb
      )`);
    for (const table of ['dashboards', 'datasets', 'charts']) {
      this.addSql(`create index ${table}_org_list on ${table} (org_id, created_at desc, id desc) where deleted_at is null`);
    }
    this.addSql(`create index charts_dataset on charts (dataset_id) where deleted_at is null`);

    this.addSql(`
      create table dashboard_charts (
        id           bigint generated always as identity primary key,
        dashboard_id uuid not null references dashboards (id) on delete cascade,
        chart_id     uuid not null,
        constraint dashboard_charts_key unique (dashboard_id, chart_id)
      )`);
    this.addSql(`create index dashboard_charts_chart on dashboard_charts (chart_id)`);
    this.addSql(`
      create table dataset_columns (
        id           bigint generated always as identity primary key,
        dataset_id   uuid not null references datasets (id) on delete cascade,
        column_name  text not null,
        type         text,
        expression   text,
        verbose_name text,
        is_dttm      boolean,
        groupby      boolean,
        filterable   boolean,
        description  text,
        constraint dataset_columns_key unique (dataset_id, column_name)
      )`);
    this.addSql(`
      create table dataset_metrics (
        id           bigint generated always as identity primary key,
        dataset_id   uuid not null references datasets (id) on delete cascade,
        metric_name  text not null,
        expression   text,
        metric_type  text,
        verbose_name text,
        d3format     text,
        currency     jsonb,
        description  text,
        constraint dataset_metrics_key unique (dataset_id, metric_name)
      )`);
  }

  override down(): void {
    for (const table of ['dataset_metrics', 'dataset_columns', 'dashboard_charts', 'charts', 'datasets', 'dashboards']) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
