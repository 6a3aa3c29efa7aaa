import { Migration } from '@mikro-orm/migrations';

/**
 * Full state every N versions (and, later, at the retention boundary), so rebuilding any version
 * reads at most N events after the nearest snapshot.
 */
export class Migration20261121000300_revision_snapshots extends Migration {
  override name = 'Migration20261121000300_revision_snapshots';

  override up(): void {
    this.addSql(`
      create table revision_snapshots (
        stream_kind text    not null,
        stream_id   uuid    not null,
        version     integer not null,
        state       jsonb   not null,
        primary key (stream_kind, stream_id, version)
      )`);
  }

  override down(): void {
    this.addSql('drop table if exists revision_snapshots');
  }
}
