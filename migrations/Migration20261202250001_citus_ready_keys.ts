import { Migration } from '@mikro-orm/migrations';

/**
 * Every table of an org's data carries `org_id`, and every primary key, unique key and foreign key
 * includes it: what Citus asks of tables distributed by org (docs/scaling.md). `org_id` comes last
 * in each key, so the lookups that use a key's leading columns today use the same index.
 * Existing rows keep their data; the new columns are filled from what already names the org.
 */

/** Primary keys (named `<table>_pkey`) and unique constraints, by their columns before org_id. */
const PRIMARY_KEYS: [string, string][] = [
  ['revision_events', 'position'],
  ['revision_changes', 'position, sequence'],
  ['revision_snapshots', 'stream_kind, stream_id, version'],
  ['revision_pins', 'stream_kind, stream_id, version'],
  ['revision_purges', 'id'],
  ['revision_subscription_parked', 'subscription, position'],
  ['dashboards', 'id'],
  ['charts', 'id'],
  ['datasets', 'id'],
  ['dashboard_charts', 'id'],
  ['dataset_columns', 'id'],
  ['dataset_metrics', 'id'],
  ['bundle_databases', 'id'],
  ['webhooks', 'id'],
  ['webhook_deliveries', 'id'],
];
const UNIQUE_KEYS: [string, string, string][] = [
  ['revision_events', 'revision_events_stream_version', 'stream_kind, stream_id, version'],
  ['dashboard_charts', 'dashboard_charts_key', 'dashboard_id, chart_id'],
  ['dataset_columns', 'dataset_columns_key', 'dataset_id, column_name'],
  ['dataset_metrics', 'dataset_metrics_key', 'dataset_id, metric_name'],
  ['webhook_deliveries', 'webhook_deliveries_once', 'webhook_id, position'],
];
/** Child table, its foreign key, its parent column, the parent table. All cascade on delete. */
const FOREIGN_KEYS: [string, string, string, string, string][] = [
  ['revision_changes', 'revision_changes_position_fkey', 'position', 'revision_events', 'position'],
  ['dashboard_charts', 'dashboard_charts_dashboard_id_fkey', 'dashboard_id', 'dashboards', 'id'],
  ['dataset_columns', 'dataset_columns_dataset_id_fkey', 'dataset_id', 'datasets', 'id'],
  ['dataset_metrics', 'dataset_metrics_dataset_id_fkey', 'dataset_id', 'datasets', 'id'],
  ['webhook_deliveries', 'webhook_deliveries_webhook_id_fkey', 'webhook_id', 'webhooks', 'id'],
];
/** Tables that gain the column, filled from their parent row. */
const FILLED_FROM_PARENT: [string, string, string][] = [
  ['dashboard_charts', 'dashboards', 'p.id = t.dashboard_id'],
  ['dataset_columns', 'datasets', 'p.id = t.dataset_id'],
  ['dataset_metrics', 'datasets', 'p.id = t.dataset_id'],
  ['webhook_deliveries', 'webhooks', 'p.id = t.webhook_id'],
];

export class Migration20261202250001_citus_ready_keys extends Migration {
  override name = 'Migration20261202250001_citus_ready_keys';

  override up(): void {
    // 1. The column. Events name their org in their metadata; a column rewrite (USING may read other
    //    columns) fills it without an UPDATE, so the append-only guard stays untouched and no row is
    //    left dead behind. Snapshots take their stream's org, children their parent's.
    this.addSql(`alter table revision_events add column org_id text`);
    this.addSql(`alter table revision_events alter column org_id type text using (metadata ->> 'org')`);
    this.addSql(`alter table revision_snapshots add column org_id text`);
    this.addSql(`update revision_snapshots s set org_id = e.org_id
                 from (select distinct stream_kind, stream_id, org_id from revision_events) e
                 where e.stream_kind = s.stream_kind and e.stream_id = s.stream_id`);
    // A snapshot whose stream has no event left is unreachable (and rebuildable): nothing reads it.
    this.addSql(`delete from revision_snapshots where org_id is null`);
    for (const [table, parent, join] of FILLED_FROM_PARENT) {
      this.addSql(`alter table ${table} add column org_id text`);
      this.addSql(`update ${table} t set org_id = p.org_id from ${parent} p where ${join}`);
    }
    for (const table of ['revision_events', 'revision_snapshots', ...FILLED_FROM_PARENT.map(([table]) => table)]) {
      this.addSql(`alter table ${table} alter column org_id set not null`);
    }
    // A change record's org is its event's (both are written from the same metadata); make sure
    // before the key between them says so.
    this.addSql(`update revision_changes c set org_id = e.org_id from revision_events e where e.position = c.position and c.org_id <> e.org_id`);

    // 2. The keys, org_id last. Foreign keys first go, then come back on the wider keys.
    for (const [table, name] of FOREIGN_KEYS) this.addSql(`alter table ${table} drop constraint ${name}`);
    for (const [table, columns] of PRIMARY_KEYS) {
      this.addSql(`alter table ${table} drop constraint ${table}_pkey, add constraint ${table}_pkey primary key (${columns}, org_id)`);
    }
    for (const [table, name, columns] of UNIQUE_KEYS) {
      this.addSql(`alter table ${table} drop constraint ${name}, add constraint ${name} unique (${columns}, org_id)`);
    }
    this.addSql(`drop index revision_events_version_id`);
    this.addSql(`create unique index revision_events_version_id on revision_events (version_id, org_id)`);
    this.addSql(`drop index revision_events_command_id`);
    this.addSql(`create unique index revision_events_command_id on revision_events ((metadata ->> 'commandId'), org_id)
                 where metadata ->> 'commandId' is not null`);
    for (const [table, name, column, parent, parentColumn] of FOREIGN_KEYS) {
      this.addSql(`alter table ${table} add constraint ${name} foreign key (${column}, org_id) references ${parent} (${parentColumn}, org_id) on delete cascade`);
    }

    // 3. The functions that write history keep to the org: a baseline carries its metadata's org,
    //    a purge removes only the named org's stream.
    this.addSql(compactStream(`, org_id`, `, p_metadata ->> 'org'`, `and org_id = p_metadata ->> 'org'`));
    this.addSql(purgeStream(`and org_id = p_org`));
    this.addSql(FIXED_SEARCH_PATHS);
  }

  override down(): void {
    this.addSql(compactStream('', '', ''));
    this.addSql(purgeStream(''));
    this.addSql(FIXED_SEARCH_PATHS);
    for (const [table, name] of FOREIGN_KEYS) this.addSql(`alter table ${table} drop constraint ${name}`);
    this.addSql(`drop index revision_events_command_id`);
    this.addSql(`create unique index revision_events_command_id on revision_events ((metadata ->> 'commandId')) where metadata ->> 'commandId' is not null`);
    this.addSql(`drop index revision_events_version_id`);
    this.addSql(`create unique index revision_events_version_id on revision_events (version_id)`);
    for (const [table, name, columns] of UNIQUE_KEYS) {
      this.addSql(`alter table ${table} drop constraint ${name}, add constraint ${name} unique (${columns})`);
    }
    for (const [table, columns] of PRIMARY_KEYS) {
      this.addSql(`alter table ${table} drop constraint ${table}_pkey, add constraint ${table}_pkey primary key (${columns})`);
    }
    for (const [table, name, column, parent, parentColumn] of FOREIGN_KEYS) {
      this.addSql(`alter table ${table} add constraint ${name} foreign key (${column}) references ${parent} (${parentColumn}) on delete cascade`);
    }
    for (const table of ['revision_events', 'revision_snapshots', ...FILLED_FROM_PARENT.map(([table]) => table)]) {
      this.addSql(`alter table ${table} drop column org_id`);
    }
  }
}

/** `create or replace` drops a function's settings: a SECURITY DEFINER function gets its fixed path back. */
const FIXED_SEARCH_PATHS = `do $$ begin
      execute format('alter function rewind_compact_stream(text, uuid, integer, integer, uuid, jsonb, jsonb, timestamptz, integer) set search_path = %I, pg_temp', current_schema());
      execute format('alter function rewind_purge_stream(text, uuid, text, text, text, timestamptz, text) set search_path = %I, pg_temp', current_schema());
    end $$`;

/** `rewind_compact_stream` (Migration20261201110001_database_roles) with its org pieces. */
function compactStream(column: string, value: string, scope: string): string {
  return `
      create or replace function rewind_compact_stream(
        p_kind text, p_id uuid, p_after integer, p_target integer, p_version_id uuid, p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz, p_schema_version integer,
        out pruned_events integer, out pruned_changes integer, out baseline_position bigint)
      language plpgsql security definer as $$
      declare
        head integer;
      begin
        select max(version) into head from revision_events where stream_kind = p_kind and stream_id = p_id ${scope};
        if head is null or p_target < 1 or p_target >= head or p_after >= p_target then
          raise exception 'retention may only compact below the head of % % (head %, versions % to %)', p_kind, p_id, head, p_after + 1, p_target
            using errcode = 'check_violation';
        end if;
        perform set_config('rewind.retention', 'on', true);
        delete from revision_changes where entity_kind = p_kind and entity_id = p_id and version > p_after and version <= p_target ${scope};
        get diagnostics pruned_changes = row_count;
        delete from revision_events where stream_kind = p_kind and stream_id = p_id and version > p_after and version <= p_target ${scope};
        get diagnostics pruned_events = row_count;
        delete from revision_snapshots where stream_kind = p_kind and stream_id = p_id and version > p_after and version <= p_target ${scope};
        perform set_config('rewind.retention', '', true);
        insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version${column})
        values (p_kind, p_id, p_target, p_version_id, 'Baseline', p_data, p_metadata, p_recorded_at, p_schema_version${value})
        returning position into baseline_position;
        pruned_events := pruned_events - 1; -- the target version lives on as the baseline
      end $$`;
}

/** `rewind_purge_stream` (Migration20261201150003_trash_and_purges) with its org scope. */
function purgeStream(scope: string): string {
  return `
      create or replace function rewind_purge_stream(
        p_kind text, p_id uuid, p_org text, p_label text, p_by text, p_at timestamptz, p_reason text, out purged_events integer)
      language plpgsql security definer as $$
      declare
        last_type text;
      begin
        select type into last_type from revision_events where stream_kind = p_kind and stream_id = p_id ${scope} order by version desc limit 1;
        if last_type is distinct from 'Deleted' then
          raise exception 'only a deleted stream can be purged: % % (last event %)', p_kind, p_id, last_type using errcode = 'check_violation';
        end if;
        perform set_config('rewind.purge', 'on', true);
        delete from revision_changes where entity_kind = p_kind and entity_id = p_id ${scope};
        delete from revision_snapshots where stream_kind = p_kind and stream_id = p_id ${scope};
        delete from revision_events where stream_kind = p_kind and stream_id = p_id ${scope};
        get diagnostics purged_events = row_count;
        perform set_config('rewind.purge', '', true);
        insert into revision_purges (org_id, entity_kind, entity_id, label, purged_by, purged_at, reason)
        values (p_org, p_kind, p_id, p_label, p_by, p_at, p_reason);
      end $$`;
}
