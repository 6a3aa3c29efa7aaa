import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { RetentionRunner } from '#api/retention/retention.runner.js';
import { newTenant, type Tenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const PERMISSION_DENIED = '42501';
const HISTORY = ['revision_events', 'revision_changes', 'revision_snapshots'];

describe('the database boundary: the API role appends history and never rewrites it', () => {
  const t = useTestApp({ REVISION_SNAPSHOT_EVERY: '2' });

  /** Runs `work` on a connection of its own as `url`'s role, inside a transaction that is rolled back. */
  async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('begin');
      return await work(client);
    } finally {
      await client.query('rollback').catch(() => undefined);
      await client.end();
    }
  }

  /** A dashboard of `tenant` with `versions` versions, all recorded `ageDays` ago. */
  async function agedDashboard(tenant: Tenant, ageDays: number, versions: number): Promise<string> {
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() - ageDays * DAY));
    const auth = tenant.admin.auth;
    const { id } = (await t.http.post('/api/v1/dashboards').set('Authorization', auth).send({ title: 'v1' }).expect(201)).body;
    for (let v = 2; v <= versions; v++) await t.http.patch(`/api/v1/dashboards/${id}`).set('Authorization', auth).send({ title: `v${v}` }).expect(200);
    t.clock.set(now);
    return id;
  }

  const versionsOf = async (id: string) =>
    (await t.db.query<{ version: number }>('select version from revision_events where stream_id = $1 order by version', [id])).map((row) => row.version);

  it('the API runs as a role other than the schema owner', async () => {
    const [{ api, owner }] = await t.db.query<{ api: string; owner: string }>(
      `select current_user as api, tableowner as owner from pg_tables where tablename = 'revision_events' and schemaname = current_schema()`,
    );
    expect(api).not.toBe(owner);
  });

  it.each(HISTORY)('the API role cannot DELETE, UPDATE or TRUNCATE %s, even with the retention flag set', async (table) => {
    const id = await agedDashboard(newTenant(t), 0, 3);
    for (const statement of [`delete from ${table}`, `update ${table} set version = version`, `truncate ${table} cascade`]) {
      const error = await asRole(t.databaseUrl, async (client) => {
        await client.query(`set local rewind.retention = 'on'`);
        return client.query(statement).then(() => null, (failure: { code?: string }) => failure);
      });
      expect(error?.code, statement).toBe(PERMISSION_DENIED);
    }
    expect(await versionsOf(id)).toEqual([1, 2, 3]);
  });

  it('the API role cannot grant itself more, nor define its own function to do it', async () => {
    const denied = async (statement: string) =>
      (await asRole(t.databaseUrl, (client) => client.query(statement).then(() => null, (failure: { code?: string }) => failure)))?.code;
    expect(await denied(`select rewind_grant_api_role(current_user::regrole)`)).toBe(PERMISSION_DENIED);
    expect(await denied(`create function evil() returns void language sql as 'delete from revision_events'`)).toBe(PERMISSION_DENIED);
    expect(await denied(`alter table revision_events disable trigger revision_events_immutable`)).toBe(PERMISSION_DENIED);
    expect(await denied(`insert into schema_migrations (name) values ('x')`)).toBe(PERMISSION_DENIED);
  });

  it('the compaction function refuses to touch the head', async () => {
    const id = await agedDashboard(newTenant(t), 0, 2);
    const error = await asRole(t.databaseUrl, (client) =>
      client
        .query(`select * from rewind_compact_stream('dashboard', $1, 0, 2, gen_random_uuid(), '{}', '{}', now(), 1)`, [id])
        .then(() => null, (failure: { code?: string; message: string }) => failure),
    );
    expect(error).toMatchObject({ code: '23514', message: expect.stringContaining('below the head') });
    expect(await versionsOf(id)).toEqual([1, 2]);
  });

  it("an admin's retention run prunes that admin's org only and counts only it; the cron prunes every org", async () => {
    const [acme, globex] = [newTenant(t), newTenant(t)];
    const ours = await agedDashboard(acme, 90, 4);
    const theirs = await agedDashboard(globex, 90, 4);

    const run = await t.http.post('/api/v1/admin/retention/run').set('Authorization', acme.admin.auth).expect(200);
    expect(run.body).toMatchObject({ compactedStreams: 1, prunedEvents: 2 });
    expect(await versionsOf(ours)).toEqual([3, 4]); // baseline at 3, head 4
    expect(await versionsOf(theirs)).toEqual([1, 2, 3, 4]);

    const cron = await t.app.get(RetentionRunner).run();
    expect(cron).toMatchObject({ compactedStreams: 1, prunedEvents: 2 });
    expect(await versionsOf(theirs)).toEqual([3, 4]);
  });
});
