import { Migration } from '@mikro-orm/migrations';

/**
 * The transaction that wrote each event, for the gap-free `/events` feed and subscriptions (see
 * docs/events.md). A column default fills it inside the one-statement append: no extra round trip.
 * Existing rows get this migration's own transaction id, committed with it, so they read in
 * position order before everything written afterwards. The append-only guard is untouched: adding
 * a column rewrites no row through UPDATE.
 */
export class Migration20261201160001_event_feed extends Migration {
  override name = 'Migration20261201160001_event_feed';

  override up(): void {
    this.addSql(`alter table revision_events add column transaction_id xid8 not null default pg_current_xact_id()`);
    // Feed order is (transaction_id, position): one index per reader, the org's feed and the
    // cross-org subscriptions.
    this.addSql(`create index revision_events_org_feed on revision_events ((metadata ->> 'org'), transaction_id, position)`);
    this.addSql(`create index revision_events_feed on revision_events (transaction_id, position)`);
  }

  override down(): void {
    this.addSql('drop index if exists revision_events_feed');
    this.addSql('drop index if exists revision_events_org_feed');
    this.addSql('alter table revision_events drop column if exists transaction_id');
  }
}
