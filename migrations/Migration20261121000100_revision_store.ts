import { Migration } from '@mikro-orm/migrations';

/** The append-only event store and the change-log projection. */
export class Migration20261121000100_revision_store extends Migration {
  override name = 'Migration20261121000100_revision_store';

  override up(): void {
    this.addSql(`
      create table revision_events (
        position    bigint generated always as identity primary key,
        stream_kind text        not null,
        stream_id   uuid        not null,
        version     integer     not null check (version > 0),
        version_id  uuid        not null,
        type        text        not null,
        data        jsonb       not null,
        metadata    jsonb       not null,
        recorded_at timestamptz not null default now(),
        constraint revision_events_stream_version unique (stream_kind, stream_id, version)
      )`);
    this.addSql(`create unique index revision_events_version_id on revision_events (version_id)`);
    this.addSql(`create unique index revision_events_command_id on revision_events ((metadata ->> 'commandId'))
                 where metadata ->> 'commandId' is not null`);
    this.addSql(`create index revision_events_recorded_at on revision_events (recorded_at)`);

    // Rows are immutable. The retention job opts in to DELETE for its own transaction with
    // `set local rewind.retention = 'on'`; nothing else may change history.
    this.addSql(`
      create function revision_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('rewind.retention', true) = 'on' then
          return old;
        end if;
        raise exception 'revision_events is append-only: % rejected', tg_op
          using errcode = 'restrict_violation';
      end $$`);
    this.addSql(`create trigger revision_events_immutable before update or delete on revision_events
                 for each row execute function revision_events_guard()`);
    this.addSql(`create trigger revision_events_no_truncate before truncate on revision_events
                 for each statement execute function revision_events_guard()`);

    this.addSql(`
      create table revision_changes (
        position    bigint      not null references revision_events (position) on delete cascade,
        sequence    integer     not null,
        org_id      text        not null,
        entity_kind text        not null,
        entity_id   uuid        not null,
        version     integer     not null,
        kind        text        not null,
        op          text        not null,
        path        text[]      not null,
        "from"      jsonb,
        "to"        jsonb,
        recorded_at timestamptz not null,
        primary key (position, sequence)
      )`);
    this.addSql(`create index revision_changes_entity on revision_changes (entity_kind, entity_id, version)`);
    this.addSql(`create index revision_changes_feed on revision_changes (org_id, position desc)`);
    this.addSql(`create index revision_changes_feed_kind on revision_changes (org_id, kind, position desc)`);
  }

  override down(): void {
    this.addSql('drop table if exists revision_changes');
    this.addSql('drop table if exists revision_events');
    this.addSql('drop function if exists revision_events_guard()');
  }
}
