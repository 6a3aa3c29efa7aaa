import { Migration } from '@mikro-orm/migrations';

/**
 * The trash: deleted entities of an org newest first (one partial index per kind), and
 * `revision_purges`, the one row a purge leaves behind (append-only for the API). A purge removes a
 * stream's history only through `rewind_purge_stream`, a SECURITY DEFINER function owned by the
 * migration role that refuses a stream whose last event is not a delete; inside it the
 * append-only guard lets the DELETE through under the `rewind.purge` flag, as retention does with
 * its own flag.
 */
export class Migration20261201150003_trash_and_purges extends Migration {
  override name = 'Migration20261201150003_trash_and_purges';

  override up(): void {
    for (const table of ['dashboards', 'charts', 'datasets']) {
      this.addSql(`create index ${table}_org_trash on ${table} (org_id, deleted_at desc, id desc) where deleted_at is not null`);
    }
    this.addSql(`
      create table revision_purges (
        id          bigint generated always as identity primary key,
        org_id      text        not null,
        entity_kind text        not null,
        entity_id   uuid        not null,
        label       text,
        purged_by   text        not null,
        purged_at   timestamptz not null,
        reason      text        not null check (reason in ('admin', 'trash_expired'))
      )`);
    this.addSql('create index revision_purges_org on revision_purges (org_id, purged_at desc)');
    this.addSql(`insert into append_only_tables values ('revision_purges')`);
    this.addSql(`
      create or replace function revision_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and (current_setting('rewind.retention', true) = 'on' or current_setting('rewind.purge', true) = 'on') then
          return old;
        end if;
        raise exception 'revision_events is append-only: % rejected', tg_op
          using errcode = 'restrict_violation';
      end $$`);
    this.addSql(`
      create function rewind_purge_stream(
        p_kind text, p_id uuid, p_org text, p_label text, p_by text, p_at timestamptz, p_reason text, out purged_events integer)
      language plpgsql security definer as $$
      declare
        last_type text;
      begin
        select type into last_type from revision_events where stream_kind = p_kind and stream_id = p_id order by version desc limit 1;
        if last_type is distinct from 'Deleted' then
          raise exception 'only a deleted stream can be purged: % % (last event %)', p_kind, p_id, last_type using errcode = 'check_violation';
        end if;
        perform set_config('rewind.purge', 'on', true);
        delete from revision_changes where entity_kind = p_kind and entity_id = p_id;
        delete from revision_snapshots where stream_kind = p_kind and stream_id = p_id;
        delete from revision_events where stream_kind = p_kind and stream_id = p_id;
        get diagnostics purged_events = row_count;
        perform set_config('rewind.purge', '', true);
        insert into revision_purges (org_id, entity_kind, entity_id, label, purged_by, purged_at, reason)
        values (p_org, p_kind, p_id, p_label, p_by, p_at, p_reason);
      end $$`);
    this.addSql(`revoke execute on function rewind_purge_stream(text, uuid, text, text, text, timestamptz, text) from public`);
    this.addSql(`do $$ begin
      execute format('alter function rewind_purge_stream(text, uuid, text, text, text, timestamptz, text) set search_path = %I, pg_temp', current_schema());
    end $$`);
  }

  override down(): void {
    this.addSql('drop function if exists rewind_purge_stream(text, uuid, text, text, text, timestamptz, text)');
    this.addSql(`delete from append_only_tables where table_name = 'revision_purges'`);
    this.addSql(`
      create or replace function revision_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('rewind.retention', true) = 'on' then
          return old;
        end if;
        raise exception 'revision_events is append-only: % rejected', tg_op
          using errcode = 'restrict_violation';
      end $$`);
    this.addSql('drop table if exists revision_purges');
    for (const table of ['dashboards', 'charts', 'datasets']) this.addSql(`drop index if exists ${table}_org_trash`);
  }
}
