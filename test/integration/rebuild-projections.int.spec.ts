import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { fixtures } from '../support/entity-fixtures.js';
import { SERVED_KINDS, startTestApp, type TestApp } from '../support/test-app.js';
import { testKindDefinitions } from '../kinds/test-kinds.js';
import { rebuildAsMigrationRole } from '../support/test-engine.js';

// Every served kind's tables (the test-only ones too); child rows' surrogate ids are renumbered by
// a rebuild, everything else must match exactly.
const TABLES: Record<string, { order: string; omit?: string[] }> = {
  ...Object.fromEntries(
    SERVED_KINDS.definitions.flatMap((definition) => [
      [definition.table, { order: 'id' }],
      ...Object.values(definition.collections).map((spec) => [spec.table, { order: `${spec.parentColumn}, ${spec.keyColumn}`, omit: ['id'] }]),
    ]),
  ),
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
    for (const { resource } of testKindDefinitions) {
      const bodies = await fixtures[resource].prepare(t, auth);
      const created = (await api('post', resource, bodies.create)).body;
      await api('patch', `${resource}/${created.id}`, bodies.patch);
    }
    const extra = testKindDefinitions.length; // one stream of two events each

    const before = await snapshot();
    expect(before.revision_changes.length).toBeGreaterThan(30);
    await t.db.query(`update dashboards set title = 'drifted'`); // a damaged projection is repaired too

    const progress: number[] = [];
    const result = await rebuildAsMigrationRole(t, new RebuildProjectionsCommand((done) => progress.push(done), 7));
    expect(result).toMatchObject({ streams: 3 + extra, events: 38 + 2 * extra, changes: before.revision_changes.length });
    expect(progress.at(-1)).toBe(38 + 2 * extra);
    expect(progress.length).toBeGreaterThan(1); // it went in batches
    expect(await snapshot()).toEqual(before);
  });
});
