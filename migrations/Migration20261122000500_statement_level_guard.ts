import { Migration } from '@mikro-orm/migrations';

/**
 * The append-only guard checks once per statement instead of once per row: same rule (UPDATE,
 * TRUNCATE and DELETE are refused unless the transaction opted in with rewind.retention = 'on'),
 * but a retention DELETE of a hundred events no longer runs the guard a hundred times.
 */
export class Migration20261122000500_statement_level_guard extends Migration {
  override name = 'Migration20261122000500_statement_level_guard';

  override up(): void {
    this.addSql('drop trigger revision_events_immutable on revision_events');
    this.addSql(`create trigger revision_events_immutable before update or delete on revision_events
                 for each statement execute function revision_events_guard()`);
  }

  override down(): void {
    this.addSql('drop trigger revision_events_immutable on revision_events');
    this.addSql(`create trigger revision_events_immutable before update or delete on revision_events
                 for each row execute function revision_events_guard()`);
  }
}
