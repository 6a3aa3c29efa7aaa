import { Migration } from '@mikro-orm/migrations';

/**
 * An Idempotency-Key is held by a lease while its request runs, not for its whole lifetime: a
 * holder that died (or lost its database) frees the key within seconds. `holder` names the
 * request that holds it, so a late release of a request that was taken over removes nothing.
 */
export class Migration20261201110002_idempotency_leases extends Migration {
  override name = 'Migration20261201110002_idempotency_leases';

  override up(): void {
    this.addSql('alter table idempotency_keys add column holder uuid, add column lease_until timestamptz');
  }

  override down(): void {
    this.addSql('alter table idempotency_keys drop column holder, drop column lease_until');
  }
}
