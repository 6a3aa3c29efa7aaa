import { Migration } from '@mikro-orm/migrations';

/**
 * Labelled versions that retention never prunes. A pin names a version of a stream, not an event
 * row: compaction may replace the event by a baseline of the same version, and the pin stays.
 */
export class Migration20261201150001_pins extends Migration {
  override name = 'Migration20261201150001_pins';

  override up(): void {
    this.addSql(`
      create table revision_pins (
        stream_kind text        not null,
        stream_id   uuid        not null,
        version     integer     not null,
        org_id      text        not null,
        label       text        not null,
        pinned_by   text        not null,
        pinned_at   timestamptz not null,
        primary key (stream_kind, stream_id, version)
      )`);
  }

  override down(): void {
    this.addSql('drop table if exists revision_pins');
  }
}
