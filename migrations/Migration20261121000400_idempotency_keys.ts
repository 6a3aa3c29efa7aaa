import { Migration } from '@mikro-orm/migrations';

/** First responses of writes sent with an Idempotency-Key, per caller, for 24 hours. */
export class Migration20261121000400_idempotency_keys extends Migration {
  override name = 'Migration20261121000400_idempotency_keys';

  override up(): void {
    this.addSql(`
      create table idempotency_keys (
        org_id       text        not null,
        actor_id     text        not null,
        key          text        not null,
        request_hash text        not null,
        status       integer,
        headers      jsonb,
        body         jsonb,
        created_at   timestamptz not null default now(),
        primary key (org_id, actor_id, key)
      )`);
    this.addSql('create index idempotency_keys_created_at on idempotency_keys (created_at)');
  }

  override down(): void {
    this.addSql('drop table if exists idempotency_keys');
  }
}
