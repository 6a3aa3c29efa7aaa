import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('restore and time travel', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp({ REVISION_SNAPSHOT_EVERY: '3' });
    editor = t.auth('erin', 'acme', 'editor');
  });
  afterAll(() => t.close());

  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string, auth = editor) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);
  const eventCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from revision_events'))[0].n;

  it('brings back a past version, children included, as a new restore version by the restorer', async () => {
    const dataset = (await api('post', 'datasets').send({ tableName: 'orders', columns: [{ columnName: 'a', type: 'INT' }], tags: ['finance'] }).expect(201)).body;
    await api('patch', `datasets/${dataset.id}`).send({ tableName: 'orders_v2', columns: [{ columnName: 'a', type: 'BIGINT' }, { columnName: 'b' }], tags: ['finance', 'gold'] }).expect(200);
    const admin = t.auth('ada', 'acme', 'admin');
    const restored = await api('post', `datasets/${dataset.id}/versions/${dataset.versionId}/restore`, admin).expect(200);
    expect(restored.body).toMatchObject({ version: 3, tableName: 'orders', columns: [expect.objectContaining({ columnName: 'a', type: 'INT' })], tags: ['finance', 'gold'] });
    expect(restored.headers.etag).toBe(`"${restored.body.versionId}"`);
    const [latest] = (await api('get', `datasets/${dataset.id}/versions?limit=1`).expect(200)).body.items;
    expect(latest).toMatchObject({ operation: 'restore', actor: { id: 'ada' }, restoredFrom: { version: 1, versionId: dataset.versionId } });
    expect(latest.changes.map((c: { kind: string; path: string[] }) => [c.kind, c.path.join('.')])).toEqual([
      ['field', 'tableName'],
      ['column', 'columns.a'],
      ['column', 'columns.b'],
    ]);
  });

  it('restoring the current state appends nothing; a dry run lists changes and writes nothing', async () => {
    const dashboard = (await api('post', 'dashboards').send({ title: 'One' }).expect(201)).body;
    const before = await eventCount();
    await api('post', `dashboards/${dashboard.id}/versions/${dashboard.versionId}/restore`).expect(200);
    expect(await eventCount()).toBe(before);
    await api('patch', `dashboards/${dashboard.id}`).send({ title: 'Two' }).expect(200);
    const dry = await api('post', `dashboards/${dashboard.id}/versions/${dashboard.versionId}/restore?dryRun=true`).expect(200);
    expect(dry.body).toEqual({ changes: [{ kind: 'field', op: 'change', path: ['title'], from: 'Two', to: 'One' }], warnings: [] });
    expect(await eventCount()).toBe(before + 1);
    expect((await api('get', `dashboards/${dashboard.id}`).expect(200)).body.title).toBe('Two');
  });

  it('un-deletes, history intact', async () => {
    const chart = (await api('post', 'charts').send({ name: 'Gone', vizType: 'table' }).expect(201)).body;
    await api('delete', `charts/${chart.id}`).expect(204);
    await api('get', `charts/${chart.id}`).expect(404);
    const back = await api('post', `charts/${chart.id}/versions/${chart.versionId}/restore`).expect(200);
    expect(back.body).toMatchObject({ name: 'Gone', version: 3 });
    await api('get', `charts/${chart.id}`).expect(200);
    const ops = (await api('get', `charts/${chart.id}/versions`).expect(200)).body.items.map((v: { operation: string }) => v.operation);
    expect(ops).toEqual(['restore', 'delete', 'create']);
  });

  it('reads old versions through snapshots', async () => {
    const dashboard = (await api('post', 'dashboards').send({ title: 'v1' }).expect(201)).body;
    const ids = [dashboard.versionId];
    for (let v = 2; v <= 8; v++) ids.push((await api('patch', `dashboards/${dashboard.id}`).send({ title: `v${v}` }).expect(200)).body.versionId);
    const snapshots = await t.db.query<{ version: number }>('select version from revision_snapshots where stream_id = $1 order by version', [dashboard.id]);
    expect(snapshots.map((s) => s.version)).toEqual([3, 6]);
    for (const [index, versionId] of ids.entries()) {
      const version = await api('get', `dashboards/${dashboard.id}/versions/${versionId}`).expect(200);
      expect(version.body).toMatchObject({ version: index + 1, state: { title: `v${index + 1}` } });
    }
  });

  it('leaves out charts deleted since and says so', async () => {
    const [a, b] = [(await api('post', 'charts').send({ name: 'A', vizType: 't' })).body, (await api('post', 'charts').send({ name: 'B', vizType: 't' })).body];
    const layout = { 'CHART-a': { type: 'CHART', meta: { chartId: a.id } }, 'CHART-b': { type: 'CHART', meta: { chartId: b.id } }, ROW: { type: 'ROW', children: ['CHART-a', 'CHART-b'] } };
    const dashboard = (await api('post', 'dashboards').send({ title: 'D', chartIds: [a.id, b.id], layout }).expect(201)).body;
    await api('patch', `dashboards/${dashboard.id}`).send({ chartIds: [], layout: {} }).expect(200);
    await api('delete', `charts/${b.id}`).expect(204);
    const restored = await api('post', `dashboards/${dashboard.id}/versions/${dashboard.versionId}/restore`).expect(200);
    expect(restored.body.chartIds).toEqual([a.id]);
    expect(restored.body.layout).toEqual({ 'CHART-a': layout['CHART-a'], ROW: { type: 'ROW', children: ['CHART-a'] } });
    expect(restored.body.warnings.map((w: { code: string; ids: string[] }) => [w.code, w.ids])).toEqual([
      ['reference_dropped', [b.id]],
      ['reference_dropped', [b.id]],
    ]);
  });

  it('warns when a dataset restore removes columns or metrics live charts use', async () => {
    const dataset = (await api('post', 'datasets').send({ tableName: 't' }).expect(201)).body;
    await api('patch', `datasets/${dataset.id}`).send({ columns: [{ columnName: 'country' }], metrics: [{ metricName: 'revenue' }] }).expect(200);
    const user = (await api('post', 'charts').send({ name: 'Uses', vizType: 't', datasetId: dataset.id, params: { groupby: ['country'], metrics: ['revenue'] } }).expect(201)).body;
    await api('post', 'charts').send({ name: 'Unrelated', vizType: 't', datasetId: dataset.id, params: { groupby: ['city'] } }).expect(201);
    const restored = await api('post', `datasets/${dataset.id}/versions/${dataset.versionId}/restore`).expect(200);
    expect(restored.body.columns).toEqual([]);
    expect(restored.body.warnings).toEqual([
      expect.objectContaining({ code: 'still_in_use', ids: [user.id] }),
      expect.objectContaining({ code: 'still_in_use', ids: [user.id] }),
    ]);
  });

  it('answers 403 to viewers, 404 to other orgs and unknown versions, 412 to a stale If-Match, 400 to a bad dryRun', async () => {
    const dashboard = (await api('post', 'dashboards').send({ title: 'Mine' }).expect(201)).body;
    const v2 = (await api('patch', `dashboards/${dashboard.id}`).send({ title: 'Mine 2' }).expect(200)).body;
    const restore = `dashboards/${dashboard.id}/versions/${dashboard.versionId}/restore`;
    await api('post', restore, t.auth('vic', 'acme', 'viewer')).expect(403);
    await api('post', restore, t.auth('eve', 'acme', 'editor')).expect(403);
    await api('post', restore, t.auth('mal', 'other', 'admin')).expect(404);
    await api('post', `dashboards/${dashboard.id}/versions/00000000-0000-0000-0000-000000000000/restore`).expect(404);
    await api('post', `${restore}?dryRun=maybe`).expect(400);
    const stale = await api('post', restore).set('If-Match', `"${dashboard.versionId}"`).expect(412);
    expect(stale.body.current.title).toBe('Mine 2');
    await api('post', restore).set('If-Match', `"${v2.versionId}"`).expect(200);
  });
});
