import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PruneRevisionsCommand, type PruneResult } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { RETENTION_LOCK_KEY } from '#revisions/commands/prune-revisions/retention-sql.js';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { RetentionRunner } from '#api/retention/retention.runner.js';
import { RetentionScheduler } from '#api/retention/retention.scheduler.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { rebuildAsMigrationRole } from '../support/test-engine.js';

const DAY = 86_400_000;

describe('retention', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp({ REVISION_SNAPSHOT_EVERY: '4' });
    auth = t.auth('rita', 'acme', 'admin');
  });
  afterAll(() => t.close());

  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);
  const prune = (days: number, maxVersions = 0): Promise<PruneResult> => t.commands.execute(new PruneRevisionsCommand({ days, maxVersions }, 2));

  /** A dashboard with `versions` versions, recorded `ageDays` ago. */
  async function dashboardAged(ageDays: number, versions: number): Promise<{ id: string; versionIds: string[] }> {
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() - ageDays * DAY));
    const created = (await api('post', 'dashboards').send({ title: 'v1', metadata: { n: 1 } }).expect(201)).body;
    const versionIds = [created.versionId];
    for (let v = 2; v <= versions; v++) versionIds.push((await api('patch', `dashboards/${created.id}`).send({ title: `v${v}`, metadata: { n: v } }).expect(200)).body.versionId);
    t.clock.set(now);
    return { id: created.id, versionIds };
  }

  const states = async (id: string, versionIds: string[]) =>
    Promise.all(versionIds.map(async (versionId) => (await api('get', `dashboards/${id}/versions/${versionId}`)).body));

  it('removes versions past the window, keeps every head, and every retained version reads and restores', async () => {
    const old = await dashboardAged(40, 6);
    const recent = await dashboardAged(1, 3);
    const lone = await dashboardAged(90, 1); // an expired head is kept whatever its age
    const mixed = await dashboardAged(40, 3);
    for (let v = 4; v <= 5; v++) await api('patch', `dashboards/${mixed.id}`).send({ title: `v${v}` }).expect(200);
    const mixedIds = (await api('get', `dashboards/${mixed.id}/versions`).expect(200)).body.items.map((i: { versionId: string }) => i.versionId).reverse();
    const before = await states(mixed.id, mixedIds.slice(2));
    const headsBefore = await Promise.all([old, recent, lone, mixed].map(async ({ id }) => (await api('get', `dashboards/${id}`).expect(200)).body));

    const result = await prune(30);
    expect(result).toMatchObject({ compactedStreams: 2, prunedEvents: 4 + 2, skipped: false }); // 1..4 of old, 1..2 of mixed
    expect(result.prunedChanges).toBeGreaterThan(0);

    // Heads unchanged; versions older than the boundary answer 410; the boundary is a baseline.
    const headsAfter = await Promise.all([old, recent, lone, mixed].map(async ({ id }) => (await api('get', `dashboards/${id}`).expect(200)).body));
    expect(headsAfter).toEqual(headsBefore);
    await api('get', `dashboards/${old.id}/versions/${old.versionIds[0]}`).expect(410);
    await api('post', `dashboards/${old.id}/versions/${old.versionIds[3]}/restore`).expect(410);
    const oldHistory = (await api('get', `dashboards/${old.id}/versions`).expect(200)).body.items;
    expect(oldHistory.map((i: { version: number; operation: string }) => [i.version, i.operation])).toEqual([
      [6, 'update'],
      [5, 'baseline'],
    ]);
    expect((await api('get', `dashboards/${old.id}/versions/${old.versionIds[4]}`).expect(200)).body.state.title).toBe('v5');

    // The mixed stream keeps its recent versions exactly as before, and they restore.
    expect(await states(mixed.id, mixedIds.slice(2))).toEqual(before.map((state, i) => (i === 0 ? { ...state, operation: 'baseline', changes: [] } : state)));
    const restored = await api('post', `dashboards/${mixed.id}/versions/${mixedIds[3]}/restore`).expect(200);
    expect(restored.body.title).toBe('v4');

    // A second run with nothing expired prunes nothing.
    expect(await prune(30)).toMatchObject({ prunedEvents: 0, prunedChanges: 0, compactedStreams: 0 });
  });

  it('caps the versions kept per entity', async () => {
    const capped = await dashboardAged(0, 10);
    await prune(0, 3);
    const history = (await api('get', `dashboards/${capped.id}/versions`).expect(200)).body.items;
    expect(history.map((i: { version: number; operation: string }) => [i.version, i.operation])).toEqual([
      [10, 'update'],
      [9, 'update'],
      [8, 'update'],
      [7, 'baseline'],
    ]);
  });

  it('keeps a deleted entity’s delete event, and rebuilds give the same rows after a prune', async () => {
    const gone = await dashboardAged(40, 3);
    t.clock.set(new Date(t.clock.now().getTime() - 35 * DAY));
    await api('delete', `dashboards/${gone.id}`).expect(204);
    t.clock.set(new Date(t.clock.now().getTime() + 35 * DAY));
    await prune(30);
    const history = (await api('get', `dashboards/${gone.id}/versions`).expect(200)).body.items;
    expect(history.map((i: { operation: string }) => i.operation)).toEqual(['delete', 'baseline']);

    const snapshot = async () => t.db.query(`select * from dashboards order by id`);
    const changes = async () => t.db.query(`select * from revision_changes order by position, sequence`);
    const [rowsBefore, changesBefore] = [await snapshot(), await changes()];
    await rebuildAsMigrationRole(t, new RebuildProjectionsCommand());
    expect(await snapshot()).toEqual(rowsBefore);
    expect(await changes()).toEqual(changesBefore);
  });

  it('skips while another replica holds the lock, and the API role still may not DELETE', async () => {
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1)', [RETENTION_LOCK_KEY]);
      expect(await prune(30)).toMatchObject({ skipped: true, prunedEvents: 0 });
      await other.query('select pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]);
      await expect(other.query('delete from revision_events')).rejects.toThrow(/permission denied/);
    } finally {
      await other.end();
    }
  });

  it('saves go on while a large backlog is pruned: none fails, none is lost', async () => {
    const backlog = await Promise.all(Array.from({ length: 12 }, () => dashboardAged(60, 5)));
    const busy = await dashboardAged(60, 5);
    const saves = Array.from({ length: 20 }, (_, i) => api('patch', `dashboards/${busy.id}`).send({ description: `during prune ${i}` }));
    const [result, ...responses] = await Promise.all([prune(30), ...saves]);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(result.compactedStreams).toBeGreaterThanOrEqual(backlog.length);
    const versions = await t.db.query<{ version: number }>('select version from revision_events where stream_id = $1 order by version', [busy.id]);
    expect(versions.at(-1)!.version).toBe(25);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: versions.length }, (_, i) => 25 - versions.length + 1 + i));
  });

  it('the cron tick dispatches a prune, and logs instead of throwing when it fails', async () => {
    const aged = await dashboardAged(400, 3); // older than the default 30-day window
    await t.app.get(RetentionScheduler).tick();
    expect(await t.db.query('select version from revision_events where stream_id = $1 order by version', [aged.id])).toEqual([{ version: 2 }, { version: 3 }]);
    const failing = new RetentionScheduler(t.app.get(SchedulerRegistry), { run: () => Promise.reject(new Error('database gone')) } as unknown as RetentionRunner, { cron: '0 3 * * *', enabled: false });
    await expect(failing.tick()).resolves.toBeUndefined();
  });

  it('registers the cron only where REVISION_RETENTION_ENABLED is true', async () => {
    expect(t.app.get(SchedulerRegistry).doesExist('cron', 'retention')).toBe(false);
    const replica = await startTestApp({ REVISION_RETENTION_ENABLED: 'true', REVISION_RETENTION_CRON: '15 4 * * *' });
    try {
      const job = replica.app.get(SchedulerRegistry).getCronJob('retention');
      expect(job.cronTime.source).toBe('15 4 * * *');
    } finally {
      await replica.close();
    }
  });

  it('POST /api/v1/admin/retention/run is for admins', async () => {
    await t.http.post('/api/v1/admin/retention/run').set('Authorization', t.auth('ed', 'acme', 'editor')).expect(403);
    const run = await t.http.post('/api/v1/admin/retention/run').set('Authorization', auth).expect(200);
    expect(Object.keys(run.body).sort()).toEqual(['compactedStreams', 'durationMs', 'prunedChanges', 'prunedEvents', 'purgedEntities']);
  });
});
