import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks of an org and their deliveries. A delivery row is created by the webhooks subscription
 * (once per webhook and event position) and then sent, retried and logged by the sender.
 */
export class Migration20261201160003_webhooks extends Migration {
  override name = 'Migration20261201160003_webhooks';

  override up(): void {
    this.addSql(`
      create table webhooks (
        id            uuid        primary key,
        org_id        text        not null,
        url           text        not null,
        entity_kinds  text[],
        secret        text        not null,
        created_by    text        not null,
        created_at    timestamptz not null default now(),
        from_position bigint      not null
      )`);
    this.addSql(`create index webhooks_org on webhooks (org_id, created_at desc, id desc)`);
    this.addSql(`
      create table webhook_deliveries (
        id               bigint      generated always as identity primary key,
        webhook_id       uuid        not null references webhooks (id) on delete cascade,
        position         bigint      not null,
        payload          jsonb       not null,
        status           text        not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts         integer     not null default 0,
        next_attempt_at  timestamptz not null default now(),
        lease_until      timestamptz,
        last_status_code integer,
        last_error       text,
        created_at       timestamptz not null default now(),
        delivered_at     timestamptz,
        constraint webhook_deliveries_once unique (webhook_id, position)
      )`);
    this.addSql(`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`);
    this.addSql(`create index webhook_deliveries_log on webhook_deliveries (webhook_id, id desc)`);
  }

  override down(): void {
    this.addSql('drop table if exists webhook_deliveries');
    this.addSql('drop table if exists webhooks');
  }
}
