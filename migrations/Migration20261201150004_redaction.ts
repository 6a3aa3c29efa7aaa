import { Migration } from '@mikro-orm/migrations';

/**
 * Redaction: JSON helpers that replace every string value containing a match by "[redacted]" (and
 * count them), and `rewind_redact_stream`, the SECURITY DEFINER function (owned by the migration
 * role) that rewrites one stream's events, change records and snapshots. Inside it the append-only
 * guard lets the UPDATE through under the `rewind.redaction` flag; the API's role cannot UPDATE
 * those tables at all.
 */
export class Migration20261201150004_redaction extends Migration {
  override name = 'Migration20261201150004_redaction';

  override up(): void {
    this.addSql(`
      create function rewind_redact(value jsonb, match text) returns jsonb language plpgsql immutable strict as $$
      begin
        case jsonb_typeof(value)
          when 'string' then
            if strpos(value #>> '{}', match) > 0 then return to_jsonb('[redacted]'::text); end if;
            return value;
          when 'array' then
            return coalesce((select jsonb_agg(rewind_redact(e, match) order by i) from jsonb_array_elements(value) with ordinality a(e, i)), '[]'::jsonb);
          when 'object' then
            return coalesce((select jsonb_object_agg(k, rewind_redact(v, match)) from jsonb_each(value) o(k, v)), '{}'::jsonb);
          else
            return value;
        end case;
      end $$`);
    this.addSql(`
      create function rewind_redaction_count(value jsonb, match text) returns integer language plpgsql immutable strict as $$
      begin
        case jsonb_typeof(value)
          when 'string' then return (strpos(value #>> '{}', match) > 0)::int;
          when 'array' then return coalesce((select sum(rewind_redaction_count(e, match)) from jsonb_array_elements(value) e), 0)::int;
          when 'object' then return coalesce((select sum(rewind_redaction_count(v, match)) from jsonb_each(value) o(k, v)), 0)::int;
          else return 0;
        end case;
      end $$`);
    this.addSql(`
      create or replace function revision_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and (current_setting('rewind.retention', true) = 'on' or current_setting('rewind.purge', true) = 'on') then
          return old;
        end if;
        if tg_op = 'UPDATE' and current_setting('rewind.redaction', true) = 'on' then
          return new;
        end if;
        raise exception 'revision_events is append-only: % rejected', tg_op
          using errcode = 'restrict_violation';
      end $$`);
    this.addSql(`
      create function rewind_redact_stream(p_kind text, p_id uuid, p_match text) returns void
      language plpgsql security definer as $$
      begin
        if p_match is null or length(p_match) < 4 then
          raise exception 'a redaction match needs at least 4 characters' using errcode = 'check_violation';
        end if;
        perform set_config('rewind.redaction', 'on', true);
        update revision_events set data = rewind_redact(data, p_match),
          metadata = case when strpos(metadata ->> 'message', p_match) > 0 then jsonb_set(metadata, '{message}', to_jsonb('[redacted]'::text)) else metadata end
        where stream_kind = p_kind and stream_id = p_id and (rewind_redaction_count(data, p_match) > 0 or strpos(metadata ->> 'message', p_match) > 0);
        update revision_changes set "from" = rewind_redact("from", p_match), "to" = rewind_redact("to", p_match)
        where entity_kind = p_kind and entity_id = p_id and (rewind_redaction_count("from", p_match) > 0 or rewind_redaction_count("to", p_match) > 0);
        update revision_snapshots set state = rewind_redact(state, p_match)
        where stream_kind = p_kind and stream_id = p_id and rewind_redaction_count(state, p_match) > 0;
        perform set_config('rewind.redaction', '', true);
      end $$`);
    this.addSql(`revoke execute on function rewind_redact_stream(text, uuid, text) from public`);
    this.addSql(`do $$ begin
      execute format('alter function rewind_redact_stream(text, uuid, text) set search_path = %I, pg_temp', current_schema());
    end $$`);
  }

  override down(): void {
    this.addSql('drop function if exists rewind_redact_stream(text, uuid, text)');
    this.addSql(`
      create or replace function revision_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and (current_setting('rewind.retention', true) = 'on' or current_setting('rewind.purge', true) = 'on') then
          return old;
        end if;
        raise exception 'revision_events is append-only: % rejected', tg_op
          using errcode = 'restrict_violation';
      end $$`);
    this.addSql('drop function if exists rewind_redaction_count(jsonb, text)');
    this.addSql('drop function if exists rewind_redact(jsonb, text)');
  }
}
