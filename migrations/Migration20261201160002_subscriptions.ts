import { Migration } from '@mikro-orm/migrations';

/**
 * Durable subscriptions: each named consumer's checkpoint in feed order (transaction id, position),
 * the retry state of the event it is stuck on, and the events it gave up on (parked).
 */
export class Migration20261201160002_subscriptions extends Migration {
  override name = 'Migration20261201160002_subscriptions';

  override up(): void {
    this.addSql(`
      create table revision_subscriptions (
        name                 text        primary key,
        last_transaction_id  xid8        not null,
        last_position        bigint      not null,
        failing_position     bigint,
        attempts             integer     not null default 0,
        retry_at             timestamptz,
        last_error           text,
        updated_at           timestamptz not null default now()
      )`);
    this.addSql(`
      create table revision_subscription_parked (
        subscription text        not null references revision_subscriptions (name) on delete cascade,
        position     bigint      not null,
        org_id       text        not null,
        entity_kind  text        not null,
        entity_id    uuid        not null,
        version      integer     not null,
        attempts     integer     not null,
        last_error   text        not null,
        parked_at    timestamptz not null default now(),
        primary key (subscription, position)
      )`);
    this.addSql(`create index revision_subscription_parked_org on revision_subscription_parked (org_id, parked_at desc)`);
  }

  override down(): void {
    this.addSql('drop table if exists revision_subscription_parked');
    this.addSql('drop table if exists revision_subscriptions');
  }
}
