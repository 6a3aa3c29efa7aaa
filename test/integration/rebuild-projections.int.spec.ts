import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { rebuildAsMigrationRole } from '../support/test-engine.js';

// Child rows' surrogate ids are renumbered by a rebuild; everything else must match exactly.
const TABLES: Record<string, { order: string; omit?: string[] }> = {
  dashboards: { order: 'id' },
  charts: { order: 'id' },
  datasets: { order: 'id' },
  dashboard_charts: { order: 'dashboard_id, chart_id', omit: ['id'] },
  dataset_columns: { order: 'dataset_id, column_name', omit: ['id'] },
  dataset_metrics: { order: 'dataset_id, metric_name', omit: ['id'] },
  revision_changes: { order: 'position, sequence' },
};

describe('rebuilding projections from the events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const [table, { order, omit = [] }] of Object.entries(TABLES)) {
      const rows = await t.db.query<Record<string, unknown>>(`select * from ${table} order by ${order}`);
      result[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !omit.includes(column))));
    }
    return result;
  }

  it('gives rows identical to those written at save time, for every kind', async () => {
    const auth = t.auth('rita', 'acme', 'editor');
    const api = (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: object) => t.http[method](`/api/v1/${path}`).set('Authorization', auth).send(body);
    const dataset = (await api('post', 'datasets', { tableName: 'orders', columns: [{ columnName: 'a', type: 'INT' }], metrics: [{ metricName: 'm', expression: 'COUNT(*)' }] })).body;
    await api('patch', `datasets/${dataset.id}`, { columns: [{ columnName: 'a', type: 'BIGINT' }, { columnName: 'b' }], description: 'x' });
    await api('patch', `datasets/${dataset.id}`, { metrics: [], columns: [{ columnName: 'b', isDttm: true }] });
    const chart = (await api('post', 'charts', { name: 'c', vizType: 'line', datasetId: dataset.id, params: { time_range: 'Last day', metrics: ['m'] } })).body;
    await api('patch', `charts/${chart.id}`, { params: { time_range: 'Last week', metrics: ['m', { label: 'avg', expressionType: 'SQL', sqlExpression: 'AVG(a)' }] } });
    const dashboard = (await api('post', 'dashboards', { title: 'd', chartIds: [chart.id], layout: { 'CHART-1': { type: 'CHART', meta: { chartId: chart.id } } } })).body;
    await api('put', `dashboards/${dashboard.id}`, { title: 'd2', metadata: { color_scheme: 'x' } });
    await api('delete', `charts/${chart.id}`);
    for (let i = 0; i < 30; i++) await api('patch', `dashboards/${dashboard.id}`, { description: `edit ${i}` });

    const before = await snapshot();
    expect(before.revision_changes.length).toBeGreaterThan(30);
    await t.db.query(`update dashboards set title = 'drifted'`); // a damaged projection is repaired too

    const progress: number[] = [];
    const result = await rebuildAsMigrationRole(t, new RebuildProjectionsCommand((done) => progress.push(done), 7));
    expect(result).toMatchObject({ streams: 3, events: 38, changes: before.revision_changes.length });
    expect(progress.at(-1)).toBe(38);
    expect(progress.length).toBeGreaterThan(1); // it went in batches
    expect(await snapshot()).toEqual(before);
  });
});
