import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { IDEMPOTENCY_LEASE_MS, IdempotencyStore, type Claim, type KeyScope, type StoredResponse } from '#api/http/idempotency/idempotency-store.js';
import { Database } from '#database/database.js';
import { countEvents, createEntity, uid, useTenant } from '#test/support/entity-fixtures.js';
import { useTestApp, type TestApp } from '#test/support/test-app.js';
import { TEST_API_ROLE } from '#test/support/test-roles.js';

/**
 * A keyed write whose process dies, or whose database goes away, at the worst moment: the retry
 * gets the right answer and the write exists exactly once. The lease is the production one
 * (seconds); "the lease runs out" is made deterministic by moving its end to now.
 */

/** An IdempotencyStore whose request can "die" at a chosen point: it hangs there, leaving its row as a killed process would. */
class MortalIdempotencyStore extends IdempotencyStore {
  readonly dies = new Map<string, 'after-claim' | 'after-commit'>();
  private readonly killed: (() => void)[] = [];

  override async claim(scope: KeyScope, requestHash: string, holder: string): Promise<Claim> {
    const claim = await super.claim(scope, requestHash, holder);
    if (claim.outcome === 'claimed' && this.dies.get(scope.key) === 'after-claim') await this.die(scope.key);
    return claim;
  }

  override async complete(scope: KeyScope, requestHash: string, response: StoredResponse): Promise<void> {
    if (this.dies.get(scope.key) === 'after-commit') await this.die(scope.key);
    return super.complete(scope, requestHash, response);
  }

  /** Ends the dead requests (their process is long gone; this only lets the test app close). */
  bury(): void {
    for (const end of this.killed.splice(0)) end();
  }

  private die(key: string): Promise<never> {
    this.dies.delete(key);
    return new Promise((_, reject) => this.killed.push(() => reject(new Error('killed'))));
  }
}

const mortal = (t: TestApp) => t.app.get(IdempotencyStore) as MortalIdempotencyStore;
const withMortalStore = (builder: TestingModuleBuilder) =>
  builder.overrideProvider(IdempotencyStore).useFactory({ factory: (db: Database, lease: number) => new MortalIdempotencyStore(db, lease), inject: [Database, IDEMPOTENCY_LEASE_MS] });

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const keyRow = async (t: TestApp, key: string) =>
  (await t.db.query<{ status: number | null }>('select status from idempotency_keys where key = $1', [key]))[0];
const leaseRunsOut = (t: TestApp, key: string) => t.db.query(`update idempotency_keys set lease_until = now() - interval '1 ms' where key = $1`, [key]);
const replayed = (response: { headers: Record<string, string> }) => response.headers['idempotent-replayed'] === 'true';

describe('a keyed write whose process is killed', () => {
  const t = useTestApp({}, { override: withMortalStore });
  const tenant = useTenant(t);
  afterAll(() => mortal(t).bury());

  it.each(['patch', 'post'] as const)('%s: killed between claim and commit → 409 with Retry-After while the lease runs, then the retry runs once', async (method) => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Before' });
    const key = `claim-${uid()}`;
    const url = method === 'patch' ? `/api/v1/dashboards/${dashboard.id}` : '/api/v1/dashboards';
    const send = () => t.http[method](url).set('Authorization', tenant.owner.auth).set('Idempotency-Key', key).send({ title: 'After the crash' });
    const events = await countEvents(t);
    mortal(t).dies.set(key, 'after-claim');
    void send().then(() => undefined, () => undefined); // its process dies holding the claim
    await waitFor(async () => (await keyRow(t, key)) !== undefined, 'the claim');

    const early = await send();
    expect([early.status, early.headers['retry-after']]).toEqual([409, expect.stringMatching(/^\d+$/)]);
    expect(Number(early.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(await countEvents(t)).toBe(events);

    await leaseRunsOut(t, key);
    const retry = await send().expect(method === 'post' ? 201 : 200);
    expect(retry.body).toMatchObject({ title: 'After the crash', version: method === 'post' ? 1 : 2 });
    expect(await countEvents(t)).toBe(events + 1);
    const again = await send().expect(retry.status);
    expect([replayed(again), again.body]).toEqual([true, retry.body]);
  });

  it.each(['patch', 'post', 'delete'] as const)('%s: killed after its commit, before its answer was kept → the retry answers from the write, which exists once', async (method) => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Before' });
    const key = `commit-${uid()}`;
    const url = method === 'post' ? '/api/v1/dashboards' : `/api/v1/dashboards/${dashboard.id}`;
    const send = () => {
      const request = t.http[method](url).set('Authorization', tenant.owner.auth).set('Idempotency-Key', key);
      return method === 'delete' ? request : request.send({ title: 'Committed' });
    };
    const events = await countEvents(t);
    mortal(t).dies.set(key, 'after-commit');
    void send().then(() => undefined, () => undefined);
    await waitFor(async () => (await countEvents(t)) === events + 1, 'the commit');
    expect((await keyRow(t, key))?.status).toBeNull();
    // Someone else edits the entity before the retry comes: the retry still gets the first answer.
    const [{ id: written }] = await t.db.query<{ id: string }>(`select stream_id as id from revision_events order by position desc limit 1`);
    await t.http.patch(`/api/v1/dashboards/${written}`).set('Authorization', tenant.owner.auth).send({ description: 'Edited meanwhile' }).expect(method === 'delete' ? 404 : 200);

    await leaseRunsOut(t, key);
    const retry = await send();
    expect(retry.status).toBe({ post: 201, patch: 200, delete: 204 }[method]);
    if (method === 'post') {
      const [{ id }] = await t.db.query<{ id: string }>(`select stream_id as id from revision_events where metadata ->> 'commandId' is not null order by position desc limit 1`);
      expect(retry.body).toMatchObject({ id, title: 'Committed', version: 1 });
      expect(retry.headers.location).toBe(`/api/v1/dashboards/${id}`);
    }
    if (method === 'patch') expect(retry.body).toMatchObject({ id: dashboard.id, title: 'Committed', version: 2 });
    if (method !== 'delete') expect([retry.headers.etag, retry.body.description]).toEqual([`"${retry.body.versionId}"`, expect.not.stringMatching(/meanwhile/)]);
    expect(await countEvents(t)).toBe(events + 1 + (method === 'delete' ? 0 : 1));
    expect((await keyRow(t, key))?.status).toBe(retry.status);
  });
});

describe('a keyed write whose database goes away mid-request', () => {
  const t = useTestApp({}, { throughProxy: true });
  const tenant = useTenant(t);

  /** A connection that holds the dashboard's row, so the write blocks inside its statement. */
  async function holdRow(id: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: t.migrationUrl });
    await client.connect();
    await client.query('begin');
    await client.query('select 1 from dashboards where id = $1 for update', [id]);
    return client;
  }

  const blockedWriter = async (admin: pg.Client) =>
    (await admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and usename = $1 and wait_event_type = 'Lock'`, [TEST_API_ROLE])).rows[0]?.pid;

  it.each([
    ['the write never committed', 'rolled back', 1],
    ['the write committed although the client saw the outage', 'committed', 2],
  ] as const)('%s: 503, and once the database is back and the lease ran out, the retry gets the right answer with one event', async (_, outcome, versionAfterOutage) => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Before the outage' });
    const key = `outage-${uid()}`;
    const send = () => t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).set('Idempotency-Key', key).send({ title: 'During the outage' });
    const admin = await holdRow(dashboard.id);
    try {
      const pending = send().then((response) => response);
      await waitFor(async () => (await blockedWriter(admin)) !== undefined, 'the write to block');
      const writer = await blockedWriter(admin);
      t.proxy!.cut();
      const during = await pending;
      expect(during.status).toBe(503);
      if (outcome === 'rolled back') await admin.query('select pg_terminate_backend($1)', [writer]);
      await admin.query('rollback');
      await waitFor(async () => (await admin.query('select 1 from pg_stat_activity where pid = $1 and state = $2', [writer, 'active'])).rowCount === 0, 'the orphaned write to end');
    } finally {
      await admin.end();
      t.proxy!.restore();
    }
    expect(await countEvents(t, dashboard.id)).toBe(versionAfterOutage);

    // The claim outlived the outage (its release could not reach the database): it answers 409 until its lease runs out.
    const early = await send();
    expect(early.status).toBe(409);
    await leaseRunsOut(t, key);
    const retry = await send().expect(200);
    expect(retry.body).toMatchObject({ title: 'During the outage', version: 2 });
    expect(await countEvents(t, dashboard.id)).toBe(2);
  });
});

describe('a keyed write whose kept answer is gone (expired, or never kept)', () => {
  const t = useTestApp();
  const tenant = useTenant(t);
  const api = (method: 'patch' | 'post', url: string, key?: string) => {
    const request = t.http[method](`/api/v1/${url}`).set('Authorization', tenant.owner.auth);
    return key ? request.set('Idempotency-Key', key) : request;
  };
  /** What a client compares: status, body, and the headers a write answers with. */
  const answer = (response: { status: number; body: unknown; headers: Record<string, string> }) => ({
    status: response.status,
    body: response.body,
    headers: { etag: response.headers.etag, location: response.headers.location, merged: response.headers['x-rewind-merged'] },
  });
  /** The key's record outlived its 24 hours: its answer is forgotten, the write it names is not. */
  const answerExpires = (key: string) => t.db.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key = $1`, [key]);

  it('a merged PATCH: the retry answers the version it wrote, merged, not the entity as it is now', async () => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'One' });
    await api('patch', `dashboards/${dashboard.id}`).send({ description: 'Two' }).expect(200);
    const key = `merged-${uid()}`;
    const send = () => api('patch', `dashboards/${dashboard.id}`, key).set('If-Match', `"${dashboard.versionId}"`).send({ title: 'Three' });
    const first = await send().expect(200);
    expect([first.body.version, first.headers['x-rewind-merged']]).toEqual([3, 'true']);
    t.clock.advance(60_000);
    await api('patch', `dashboards/${dashboard.id}`).send({ title: 'Four' }).expect(200);
    await answerExpires(key);
    const events = await countEvents(t, dashboard.id);

    const retry = await send();
    expect(answer(retry)).toEqual(answer(first));
    expect(await countEvents(t, dashboard.id)).toBe(events);
  });

  it('a POST: the retry answers 201 with version 1 and its Location, after later edits', async () => {
    const key = `create-${uid()}`;
    const send = () => api('post', 'dashboards', key).send({ title: 'Created once' });
    const first = await send().expect(201);
    t.clock.advance(60_000);
    await api('patch', `dashboards/${first.body.id}`).send({ title: 'Renamed' }).expect(200);
    await answerExpires(key);

    const retry = await send();
    expect(answer(retry)).toEqual(answer(first));
    expect(await countEvents(t, first.body.id)).toBe(2);
  });

  it('a restore: the retry answers the restored version with the warnings it gave', async () => {
    const [kept, gone] = [await createEntity(t, tenant.owner.auth, 'charts', { name: 'Kept', vizType: 'table' }), await createEntity(t, tenant.owner.auth, 'charts', { name: 'Gone later', vizType: 'table' })];
    const layout = { 'CHART-a': { type: 'CHART', meta: { chartId: kept.id } }, 'CHART-b': { type: 'CHART', meta: { chartId: gone.id } }, ROW: { type: 'ROW', children: ['CHART-a', 'CHART-b'] } };
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'With charts', chartIds: [kept.id, gone.id], layout });
    await api('patch', `dashboards/${dashboard.id}`).send({ chartIds: [], layout: {} }).expect(200);
    await t.http.delete(`/api/v1/charts/${gone.id}`).set('Authorization', tenant.owner.auth).expect(204);
    const key = `restore-${uid()}`;
    const send = () => api('post', `dashboards/${dashboard.id}/versions/${dashboard.versionId}/restore`, key);
    const first = await send().expect(200);
    expect([first.body.version, first.body.chartIds, first.body.warnings[0]]).toEqual([3, [kept.id], expect.objectContaining({ code: 'reference_dropped', ids: [gone.id] })]);
    t.clock.advance(60_000);
    await api('patch', `dashboards/${dashboard.id}`).send({ title: 'Edited after the restore' }).expect(200);
    await answerExpires(key);

    const retry = await send();
    expect(answer(retry)).toEqual(answer(first));
    expect(await countEvents(t, dashboard.id)).toBe(4);
  });
});
