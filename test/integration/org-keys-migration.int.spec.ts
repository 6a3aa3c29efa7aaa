import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#database/database.js';
import { openDatabase, type OpenDatabase } from '#database/open-database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Migration20261202250001_citus_ready_keys on a store with history in every table it changes: the
 * rows keep their data and gain their org, the keys include it, and `down` gives the old keys back.
 */
const BEFORE = 'Migration20261201160003_webhooks';
let database: TestDatabase;
let open: OpenDatabase;
let db: Database;

const orgs = ['org-north', 'org-south'] as const;
const seeded = new Map<string, { dashboard: string; dataset: string; webhook: string; positions: string[] }>();

async function seed(org: string): Promise<void> {
  const [dashboard, dataset, webhook] = [randomUUID(), randomUUID(), randomUUID()];
  const positions: string[] = [];
  for (const [kind, id] of [['dashboard', dashboard], ['dataset', dataset]] as const) {
    for (const version of [1, 2]) {
      const [{ position }] = await db.query<{ position: string }>(
        `insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata)
         values ($1, $2, $3, $4, 'Updated', '{"changes": []}', $5) returning position`,
        [kind, id, version, randomUUID(), JSON.stringify({ actor: { id: 'old' }, org, commandId: randomUUID() })],
      );
      positions.push(position);
      await db.query(
        `insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, recorded_at)
         values ($1, 1, $2, $3, $4, $5, 'field', 'change', '{title}', now())`,
        [position, org, kind, id, version],
      );
    }
    await db.query(`insert into revision_snapshots (stream_kind, stream_id, version, state) values ($1, $2, 2, '{"title": "kept"}')`, [kind, id]);
    await db.query(`insert into revision_pins (stream_kind, stream_id, version, org_id, label, pinned_by, pinned_at) values ($1, $2, 1, $3, 'v1', 'old', now())`, [kind, id, org]);
  }
  const audit = `$2, 2, gen_random_uuid(), now(), 'old', now(), 'old', '{old}', '{}'`;
  await db.query(`insert into dashboards (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, owners, tags, title, published, metadata, layout)
                  values ($1, ${audit}, 'Sales', false, '{}', '{}')`, [dashboard, org]);
  await db.query(`insert into dashboard_charts (dashboard_id, chart_id) values ($1, gen_random_uuid()), ($1, gen_random_uuid())`, [dashboard]);
  await db.query(`insert into datasets (id, org_id, version, version_id, created_at, created_by, updated_at, updated_by, owners, tags, table_name, params, extra)
                  values ($1, ${audit}, 'orders', '{}', '{}')`, [dataset, org]);
  await db.query(`insert into dataset_columns (dataset_id, column_name) values ($1, 'region')`, [dataset]);
  await db.query(`insert into dataset_metrics (dataset_id, metric_name) values ($1, 'count')`, [dataset]);
  await db.query(`insert into webhooks (id, org_id, url, secret, created_by, from_position) values ($1, $2, 'https://example.test/hook', 's', 'old', 0)`, [webhook, org]);
  await db.query(`insert into webhook_deliveries (webhook_id, position, payload) values ($1, $2, '{}')`, [webhook, positions[0]]);
  await db.query(`insert into revision_purges (org_id, entity_kind, entity_id, purged_by, purged_at, reason) values ($1, 'chart', gen_random_uuid(), 'old', now(), 'admin')`, [org]);
  await db.query(`insert into bundle_databases (id, org_id, database_name, config) values (gen_random_uuid(), $1, 'warehouse', '{}')`, [org]);
  await db.query(`insert into revision_subscription_parked (subscription, position, org_id, entity_kind, entity_id, version, attempts, last_error)
                  values ('audit', $1, $2, 'dashboard', $3, 1, 3, 'down')`, [positions[0], org, dashboard]);
  seeded.set(org, { dashboard, dataset, webhook, positions });
}

/** Each table's rows as (org_id, count), to see that every row kept its org and none was lost. */
const orgCounts = async (table: string) =>
  Object.fromEntries((await db.query<{ org_id: string; n: number }>(`select org_id, count(*)::int as n from ${table} group by org_id`)).map((row) => [row.org_id, row.n]));

beforeAll(async () => {
  database = await createTestDatabase();
  // As the migration role: a migration's test, and the append-only trigger guards even the schema's owner.
  open = await openDatabase({ url: database.migrationUrl, dataDir: '.data', migrate: false });
  db = open.database;
  await open.orm.migrator.up({ to: BEFORE });
  await db.query(`insert into revision_subscriptions (name, last_transaction_id, last_position) values ('audit', '0', 0)`);
  for (const org of orgs) await seed(org);
  await open.orm.migrator.up();
}, 60_000);
afterAll(async () => {
  await open?.close();
  await database?.drop();
});

describe('the org keys migration on a store with history', () => {
  it('gives every row the org it belonged to: events from their metadata, snapshots from their stream, children from their parent', async () => {
    const each = { 'org-north': 4, 'org-south': 4 };
    expect(await orgCounts('revision_events')).toEqual(each);
    expect(await orgCounts('revision_changes')).toEqual(each);
    for (const table of ['revision_snapshots', 'revision_pins', 'dashboard_charts']) expect(await orgCounts(table)).toEqual({ 'org-north': 2, 'org-south': 2 });
    for (const table of ['dataset_columns', 'dataset_metrics', 'webhook_deliveries', 'revision_purges', 'revision_subscription_parked']) {
      expect(await orgCounts(table)).toEqual({ 'org-north': 1, 'org-south': 1 });
    }
    const north = seeded.get('org-north')!;
    const [event] = await db.query<{ org_id: string; version: number }>('select org_id, version from revision_events where position = $1', [north.positions[0]]);
    expect(event).toEqual({ org_id: 'org-north', version: 1 });
    const [snapshot] = await db.query<{ state: unknown }>(`select state from revision_snapshots where stream_id = $1 and org_id = 'org-north'`, [north.dashboard]);
    expect(snapshot.state).toEqual({ title: 'kept' });
  });

  it('keeps revision_events append-only', async () => {
    await expect(db.query(`update revision_events set org_id = 'elsewhere'`)).rejects.toThrow(/append-only/);
  });

  it('refuses a child whose org is not its parent\'s, and a second version of a stream in its org', async () => {
    const north = seeded.get('org-north')!;
    await expect(db.query(`insert into dashboard_charts (dashboard_id, org_id, chart_id) values ($1, 'org-south', gen_random_uuid())`, [north.dashboard]))
      .rejects.toThrow(/foreign key/);
    await expect(db.query(`insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, recorded_at)
                           values ($1, 2, 'org-south', 'dashboard', $2, 1, 'field', 'change', '{css}', now())`, [north.positions[0], north.dashboard]))
      .rejects.toThrow(/foreign key/);
    await expect(db.query(`insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, org_id)
                           values ('dashboard', $1, 2, gen_random_uuid(), 'Updated', '{}', '{"org": "org-north"}', 'org-north')`, [north.dashboard]))
      .rejects.toThrow(/revision_events_stream_version/);
  });

  it('rebuilds the keys with org_id last', async () => {
    const keys = await db.query<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
       where conname in ('revision_events_pkey', 'revision_events_stream_version', 'revision_changes_position_fkey') order by conname`,
    );
    expect(keys).toEqual([
      { name: 'revision_changes_position_fkey', definition: 'FOREIGN KEY ("position", org_id) REFERENCES revision_events("position", org_id) ON DELETE CASCADE' },
      { name: 'revision_events_pkey', definition: 'PRIMARY KEY ("position", org_id)' },
      { name: 'revision_events_stream_version', definition: 'UNIQUE (stream_kind, stream_id, version, org_id)' },
    ]);
  });

  it('goes down to the old keys with every row kept, and up again', async () => {
    await open.orm.migrator.down({ to: BEFORE });
    const [columns] = await db.query<{ n: number }>(`select count(*)::int as n from information_schema.columns where table_schema = current_schema() and column_name = 'org_id' and table_name in ('revision_events', 'dashboard_charts', 'webhook_deliveries')`);
    expect(columns.n).toBe(0);
    const [key] = await db.query<{ definition: string }>(`select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'revision_events_pkey'`);
    expect(key.definition).toBe('PRIMARY KEY ("position")');
    const [events] = await db.query<{ n: number }>('select count(*)::int as n from revision_events');
    expect(events.n).toBe(8);
    await open.orm.migrator.up();
    expect(await orgCounts('webhook_deliveries')).toEqual({ 'org-north': 1, 'org-south': 1 });
  });
});
