import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('change log: versions, diff and the org feed', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.auth('erin', 'acme', 'editor');
  });
  afterAll(() => t.close());

  const post = async (resource: string, body: object) => (await t.http.post(`/api/v1/${resource}`).set('Authorization', editor).send(body).expect(201)).body;
  const patch = async (resource: string, id: string, body: object) =>
    (await t.http.patch(`/api/v1/${resource}/${id}`).set('Authorization', editor).send(body).expect(200)).body;
  const latestChanges = async (resource: string, id: string) =>
    (await t.http.get(`/api/v1/${resource}/${id}/versions?limit=1`).set('Authorization', editor).expect(200)).body.items[0].changes;

  it('a chart edit that changes the time range and adds a filter lists exactly time_range and filter', async () => {
    const dataset = await post('datasets', { tableName: 'orders' });
    const chart = await post('charts', {
      name: 'Revenue',
      vizType: 'line',
      datasetId: dataset.id,
      params: { time_range: 'Last week', adhoc_filters: [{ subject: 'region', operator: '==', comparator: 'EU' }] },
    });
    await patch('charts', chart.id, {
      params: {
        time_range: 'Last month',
        adhoc_filters: [
          { subject: 'region', operator: '==', comparator: 'EU' },
          { subject: 'country', operator: 'IN', comparator: ['FR', 'DE'] },
        ],
      },
    });
    const changes = await latestChanges('charts', chart.id);
    // Nested keys come sorted, so the order is the same on every save and every rebuild.
    expect(changes).toEqual([
      { kind: 'filter', op: 'add', path: ['params', 'adhoc_filters', 'country'], from: null, to: { subject: 'country', operator: 'IN', comparator: ['FR', 'DE'] } },
      { kind: 'time_range', op: 'change', path: ['params', 'time_range'], from: 'Last week', to: 'Last month' },
    ]);
  });

  it('a dataset edit that adds a column and changes a metric lists column and metric', async () => {
    const dataset = await post('datasets', { tableName: 'sales', metrics: [{ metricName: 'revenue', expression: 'SUM(amount)' }] });
    await patch('datasets', dataset.id, {
      columns: [{ columnName: 'country', type: 'TEXT' }],
      metrics: [{ metricName: 'revenue', expression: 'SUM(net_amount)' }],
    });
    const changes = await latestChanges('datasets', dataset.id);
    expect(changes.map((c: { kind: string; op: string; path: string[] }) => [c.kind, c.op, c.path])).toEqual([
      ['column', 'add', ['columns', 'country']],
      ['metric', 'change', ['metrics', 'revenue']],
    ]);
    expect(changes[1].from.expression).toBe('SUM(amount)');
    expect(changes[1].to.expression).toBe('SUM(net_amount)');
  });

  it('a dashboard edit that removes a chart lists kind chart with op remove', async () => {
    const dataset = await post('datasets', { tableName: 't' });
    const [a, b] = [await post('charts', { name: 'A', vizType: 'table', datasetId: dataset.id }), await post('charts', { name: 'B', vizType: 'table', datasetId: dataset.id })];
    const dashboard = await post('dashboards', { title: 'Ops', chartIds: [a.id, b.id] });
    await patch('dashboards', dashboard.id, { chartIds: [a.id] });
    expect(await latestChanges('dashboards', dashboard.id)).toEqual([{ kind: 'chart', op: 'remove', path: ['chartIds', b.id], from: {}, to: null }]);
  });

  it('walks layout components by id and unknown params keys fall to field', async () => {
    const dataset = await post('datasets', { tableName: 't2' });
    const chart = await post('charts', { name: 'C', vizType: 'table', datasetId: dataset.id, params: { row_limit: 10 } });
    const dashboard = await post('dashboards', { title: 'L', layout: { 'HEADER-1': { type: 'HEADER', meta: { text: 'Hi' } } } });
    await patch('dashboards', dashboard.id, {
      layout: { 'HEADER-1': { type: 'HEADER', meta: { text: 'Hello' } }, 'CHART-1': { type: 'CHART', meta: { chartId: chart.id, width: 4 } } },
    });
    const kinds = (await latestChanges('dashboards', dashboard.id)).map((c: { kind: string; op: string; path: string[] }) => [c.kind, c.op, c.path]);
    expect(kinds).toEqual([
      ['chart', 'add', ['layout', 'CHART-1']],
      ['layout', 'change', ['layout', 'HEADER-1']],
    ]);
    await patch('charts', chart.id, { params: { row_limit: 50 } });
    expect(await latestChanges('charts', chart.id)).toEqual([{ kind: 'field', op: 'change', path: ['params', 'row_limit'], from: 10, to: 50 }]);
  });

  it('diffs any two versions; `to` defaults to the current one', async () => {
    const dashboard = await post('dashboards', { title: 'One' });
    await patch('dashboards', dashboard.id, { title: 'Two' });
    const v3 = await patch('dashboards', dashboard.id, { description: 'Now with words' });
    const diff = await t.http.get(`/api/v1/dashboards/${dashboard.id}/diff?from=${dashboard.versionId}`).set('Authorization', editor).expect(200);
    expect(diff.body.from).toEqual({ versionId: dashboard.versionId, version: 1 });
    expect(diff.body.to).toEqual({ versionId: v3.versionId, version: 3 });
    expect(diff.body.changes).toEqual([
      { kind: 'field', op: 'change', path: ['title'], from: 'One', to: 'Two' },
      { kind: 'field', op: 'change', path: ['description'], from: null, to: 'Now with words' },
    ]);
    const back = await t.http.get(`/api/v1/dashboards/${dashboard.id}/diff?from=${v3.versionId}&to=${dashboard.versionId}`).set('Authorization', editor).expect(200);
    expect(back.body.changes.map((c: { path: string[] }) => c.path[0])).toEqual(['title', 'description']);
    await t.http.get(`/api/v1/dashboards/${dashboard.id}/diff`).set('Authorization', editor).expect(400);
    await t.http.get(`/api/v1/dashboards/${dashboard.id}/diff?from=not-a-version`).set('Authorization', editor).expect(404);
    await t.http.get(`/api/v1/dashboards/${dashboard.id}/diff?from=${dashboard.versionId}`).set('Authorization', t.auth('mallory', 'evil', 'admin')).expect(404);
  });

  it('the feed lists the org’s records newest first, filtered and paginated, never another org’s', async () => {
    const other = t.auth('olga', 'other-org', 'editor');
    const foreign = (await t.http.post('/api/v1/dashboards').set('Authorization', other).send({ title: 'Theirs' }).expect(201)).body;
    await t.http.patch(`/api/v1/dashboards/${foreign.id}`).set('Authorization', other).send({ title: 'Still theirs' }).expect(200);
    const since = new Date(t.clock.now().getTime() + 1).toISOString();
    const dashboard = await post('dashboards', { title: 'Feed' });
    await patch('dashboards', dashboard.id, { title: 'Feed 2', metadata: { color_scheme: 'bnbColors' } });

    const feed = await t.http.get(`/api/v1/changes?since=${since}`).set('Authorization', editor).expect(200);
    expect(feed.body.items.map((i: { kind: string; path: string[] }) => [i.kind, i.path.join('.')])).toEqual([
      ['field', 'title'],
      ['color_palette', 'metadata.color_scheme'],
    ]);
    expect(feed.body.items[0]).toMatchObject({ entityKind: 'dashboard', entityId: dashboard.id, version: 2, actor: { id: 'erin' } });

    const palettes = await t.http.get(`/api/v1/changes?kind=color_palette&entityKind=dashboard`).set('Authorization', editor).expect(200);
    expect(palettes.body.items).toHaveLength(1);
    const all = await t.http.get('/api/v1/changes?limit=100').set('Authorization', editor).expect(200);
    expect(all.body.items.some((i: { entityId: string }) => i.entityId === foreign.id)).toBe(false);

    const first = await t.http.get('/api/v1/changes?limit=1').set('Authorization', editor).expect(200);
    const second = await t.http.get(`/api/v1/changes?limit=1&cursor=${first.body.nextCursor}`).set('Authorization', editor).expect(200);
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items.slice(0, 2));

    for (const query of ['kind=nope', 'entityKind=report', 'since=yesterday', 'cursor=zzz', 'limit=0']) {
      await t.http.get(`/api/v1/changes?${query}`).set('Authorization', editor).expect(400);
    }
  });
});
