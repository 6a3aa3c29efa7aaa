import { Migration } from '@mikro-orm/migrations';

/**
 * Time travel (`?at=`, `?before=`) finds the version of a stream at an instant with one index probe
 * instead of walking the stream.
 */
export class Migration20261201150002_stream_time_index extends Migration {
  override name = 'Migration20261201150002_stream_time_index';

  override up(): void {
    this.addSql('create index revision_events_stream_time on revision_events (stream_kind, stream_id, recorded_at)');
  }

  override down(): void {
    this.addSql('drop index if exists revision_events_stream_time');
  }
}
