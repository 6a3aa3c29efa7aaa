import { Migration } from '@mikro-orm/migrations';

/**
 * `rewind_redact_stream` takes the org and rewrites only that org's rows of the stream, like
 * compaction and purge (Migration20261202250001_citus_ready_keys): on Citus every statement of it
 * then names the distribution column.
 */
export class Migration20261202250002_org_scoped_redaction extends Migration {
  override name = 'Migration20261202250002_org_scoped_redaction';

  override up(): void {
    this.addSql('drop function rewind_redact_stream(text, uuid, text)');
    this.addSql(redactStream('p_match text, p_org text', 'and org_id = p_org'));
    this.addSql(`revoke execute on function rewind_redact_stream(text, uuid, text, text) from public`);
    this.addSql(`do $$ begin
      execute format('alter function rewind_redact_stream(text, uuid, text, text) set search_path = %I, pg_temp', current_schema());
    end $$`);
  }

  override down(): void {
    this.addSql('drop function rewind_redact_stream(text, uuid, text, text)');
    this.addSql(redactStream('p_match text', ''));
    this.addSql(`revoke execute on function rewind_redact_stream(text, uuid, text) from public`);
    this.addSql(`do $$ begin
      execute format('alter function rewind_redact_stream(text, uuid, text) set search_path = %I, pg_temp', current_schema());
    end $$`);
  }
}

/** The function of Migration20261201150004_redaction with its org pieces. */
function redactStream(parameters: string, scope: string): string {
  return `
      create function rewind_redact_stream(p_kind text, p_id uuid, ${parameters}) returns void
      language plpgsql security definer as $$
      begin
        if p_match is null or length(p_match) < 4 then
          raise exception 'a redaction match needs at least 4 characters' using errcode = 'check_violation';
        end if;
        perform set_config('rewind.redaction', 'on', true);
        update revision_events set data = rewind_redact(data, p_match),
          metadata = case when strpos(metadata ->> 'message', p_match) > 0 then jsonb_set(metadata, '{message}', to_jsonb('[redacted]'::text)) else metadata end
        where stream_kind = p_kind and stream_id = p_id ${scope} and (rewind_redaction_count(data, p_match) > 0 or strpos(metadata ->> 'message', p_match) > 0);
        update revision_changes set "from" = rewind_redact("from", p_match), "to" = rewind_redact("to", p_match)
        where entity_kind = p_kind and entity_id = p_id ${scope} and (rewind_redaction_count("from", p_match) > 0 or rewind_redaction_count("to", p_match) > 0);
        update revision_snapshots set state = rewind_redact(state, p_match)
        where stream_kind = p_kind and stream_id = p_id ${scope} and rewind_redaction_count(state, p_match) > 0;
        perform set_config('rewind.redaction', '', true);
      end $$`;
}
