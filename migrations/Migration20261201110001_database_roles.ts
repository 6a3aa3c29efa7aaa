import { Migration } from '@mikro-orm/migrations';

/**
 * The API's role may append history but never rewrite it. Tables listed in `append_only_tables`
 * get no UPDATE, DELETE or TRUNCATE for the API; history is removed only through SECURITY DEFINER
 * functions owned by the migration role (here: retention's `rewind_compact_stream`). The grants
 * themselves are one function, run after every migration with the API's role as argument, so a
 * later migration's tables and functions are covered by the same rule. See docs/database-roles.md.
 */
export class Migration20261201110001_database_roles extends Migration {
  override name = 'Migration20261201110001_database_roles';

  override up(): void {
    this.addSql(`create table append_only_tables (table_name text primary key)`);
    this.addSql(`insert into append_only_tables values ('revision_events'), ('revision_changes'), ('revision_snapshots')`);

    // Run by the migration role: the API may read and write every table, append to the listed ones
    // only, and call every SECURITY DEFINER function of the schema; never write the migrations' own table.
    this.addSql(`
      create function rewind_grant_api_role(api regrole) returns void language plpgsql as $$
      declare
        item record;
      begin
        execute format('grant usage on schema %I to %s', current_schema(), api);
        execute format('grant select, insert, update, delete on all tables in schema %I to %s', current_schema(), api);
        execute format('grant usage, select on all sequences in schema %I to %s', current_schema(), api);
        for item in select table_name from append_only_tables where to_regclass(table_name) is not null loop
          execute format('revoke update, delete, truncate on %I from %s', item.table_name, api);
        end loop;
        if to_regclass('schema_migrations') is not null then
          execute format('revoke insert, update, delete, truncate on schema_migrations from %s', api);
        end if;
        for item in select p.oid::regprocedure as fn from pg_proc p
                    where p.pronamespace = current_schema()::regnamespace and p.prosecdef loop
          execute format('grant execute on function %s to %s', item.fn, api);
        end loop;
      end $$`);
    this.addSql(`revoke execute on function rewind_grant_api_role(regrole) from public`);

    // Retention: swap a stream's versions after..target for one Baseline event at the target, with
    // their change records and snapshots, in one statement. The head is never touched.
    this.addSql(`
      create function rewind_compact_stream(
        p_kind text, p_id uuid, p_after integer, p_target integer, p_version_id uuid, p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz, p_schema_version integer,
        out pruned_events integer, out pruned_changes integer, out baseline_position bigint)
      language plpgsql security definer as $$
      declare
        head integer;
      begin
        select max(version) into head from revision_events where stream_kind = p_kind and stream_id = p_id;
        if head is null or p_target < 1 or p_target >= head or p_after >= p_target then
          raise exception 'retention may only compact below the head of % % (head %, versions % to %)', p_kind, p_id, head, p_after + 1, p_target
            using errcode = 'check_violation';
        end if;
        perform set_config('rewind.retention', 'on', true);
        delete from revision_changes where entity_kind = p_kind and entity_id = p_id and version > p_after and version <= p_target;
        get diagnostics pruned_changes = row_count;
        delete from revision_events where stream_kind = p_kind and stream_id = p_id and version > p_after and version <= p_target;
        get diagnostics pruned_events = row_count;
        delete from revision_snapshots where stream_kind = p_kind and stream_id = p_id and version > p_after and version <= p_target;
        perform set_config('rewind.retention', '', true);
        insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version)
        values (p_kind, p_id, p_target, p_version_id, 'Baseline', p_data, p_metadata, p_recorded_at, p_schema_version)
        returning position into baseline_position;
        pruned_events := pruned_events - 1; -- the target version lives on as the baseline
      end $$`);
    this.addSql(`revoke execute on function rewind_compact_stream(text, uuid, integer, integer, uuid, jsonb, jsonb, timestamptz, integer) from public`);
    // A SECURITY DEFINER function resolves names in a fixed path, never in one its caller chose.
    this.addSql(`do $$ begin
      execute format('alter function rewind_compact_stream(text, uuid, integer, integer, uuid, jsonb, jsonb, timestamptz, integer) set search_path = %I, pg_temp', current_schema());
    end $$`);
  }

  override down(): void {
    this.addSql('drop function if exists rewind_compact_stream(text, uuid, integer, integer, uuid, jsonb, jsonb, timestamptz, integer)');
    this.addSql('drop function if exists rewind_grant_api_role(regrole)');
    this.addSql('drop table if exists append_only_tables');
  }
}
