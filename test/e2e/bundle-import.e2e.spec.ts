import { describe, expect, it } from 'vitest';
import { countEvents, useTenant } from '../support/entity-fixtures.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const tenant = useTenant(t);

const importZip = (zip: Buffer, auth = tenant.owner.auth, query = '') =>
  t.http.post(`/api/v1/imports${query}`).set('Authorization', auth).set('Content-Type', 'application/zip').send(zip);

/** One database, one dataset, three charts and a dashboard with cross-filters, as Superset exports them. */
function salesBundle() {
  const builder = new SupersetBundleBuilder();
  const dataset = builder.dataset();
  const charts = [builder.chart(dataset), builder.chart(dataset), builder.chart(dataset)];
  const dashboard = builder.dashboard(charts);
  return { builder, dataset, charts, dashboard };
}

const get = async (resource: string, id: string) => (await t.http.get(`/api/v1/${resource}/${id}`).set('Authorization', tenant.owner.auth).expect(200)).body;

describe('POST /api/v1/imports', () => {
  it('imports a Superset bundle with every chart reference remapped, datasets before charts before dashboards', async () => {
    const { builder, dataset, charts, dashboard } = salesBundle();
    const response = await importZip(await builder.zip());
    expect(response.status).toBe(200);
    expect(response.body.warnings).toEqual([]);
    expect(response.body.items.map((item: { entityKind: string; action: string }) => [item.entityKind, item.action])).toEqual([
      ['dataset', 'create'],
      ['chart', 'create'],
      ['chart', 'create'],
      ['chart', 'create'],
      ['dashboard', 'create'],
    ]);
    const idOf = (uuid: unknown) => response.body.items.find((item: { sourceUuid: string }) => item.sourceUuid === uuid).id;
    const [a, b, c] = charts.map((chart) => idOf(chart.uuid));

    const importedDataset = await get('datasets', idOf(dataset.uuid));
    expect(importedDataset).toMatchObject({ tableName: 'orders_0', database: 'warehouse_0', schema: 'public', filterSelectEnabled: true, offset: 0 });
    expect(importedDataset.metrics.find((metric: { metricName: string }) => metric.metricName === 'revenue')).toMatchObject({ warningText: 'net of tax', currency: { symbol: 'EUR' } });
    const chart = await get('charts', a);
    expect(chart).toMatchObject({ name: 'Orders by country 0', datasetId: idOf(dataset.uuid), params: { metrics: ['count'] } });
    expect(chart.queryContext).toMatchObject({ queries: [{ metrics: ['count'] }] });

    const board = await get('dashboards', idOf(dashboard.uuid));
    expect(board.chartIds.sort()).toEqual([a, b, c].sort());
    expect(board.layout['CHART-0'].meta).toMatchObject({ chartId: a, uuid: a });
    expect(board.metadata.chart_configuration[a]).toEqual({ id: a, crossFilters: { scope: { rootPath: ['ROOT_ID'], excluded: [a] }, chartsInScope: [b, c] } });
    expect(board.metadata.native_filter_configuration[0]).toMatchObject({ chartsInScope: [a, b, c], scope: { excluded: [b] }, targets: [{ datasetUuid: idOf(dataset.uuid) }] });
    expect(board.metadata).toMatchObject({ timed_refresh_immune_slices: [a], expanded_slices: { [a]: true }, filter_scopes: { [a]: { country: { immune: [b] } } } });
    const text = JSON.stringify(board);
    for (const source of charts) {
      expect(text).not.toContain(source.uuid);
      expect(text).not.toMatch(new RegExp(`\\b${source.chartId}\\b`));
    }
  });

  it('a second import of the same bundle changes nothing; an edited one appends one import version per changed entity', async () => {
    const { builder, charts, dashboard } = salesBundle();
    const first = await importZip(await builder.zip()).expect(200);
    const before = await countEvents(t);
    const again = await importZip(await builder.zip()).expect(200);
    expect(again.body.items.map((item: { action: string }) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(again.body.items.map((item: { id: string }) => item.id)).toEqual(first.body.items.map((item: { id: string }) => item.id));
    expect(await countEvents(t)).toBe(before);

    charts[1].config.slice_name = 'Orders by region';
    dashboard.dashboard_title = 'Sales (edited)';
    const edited = await importZip(await builder.zip()).expect(200);
    expect(edited.body.items.map((item: { action: string }) => item.action)).toEqual(['unchanged', 'unchanged', 'update', 'unchanged', 'update']);
    expect(await countEvents(t)).toBe(before + 2);
    const chartId = edited.body.items[2].id;
    const versions = await t.http.get(`/api/v1/charts/${chartId}/versions`).set('Authorization', tenant.owner.auth).expect(200);
    expect(versions.body.items[0]).toMatchObject({ version: 2, operation: 'import', changes: [{ kind: 'field', op: 'change', path: ['name'], from: 'Orders by country 1', to: 'Orders by region' }] });
    expect(edited.body.items[2].changes).toEqual(versions.body.items[0].changes);
  });

  it('a dry run answers the plan and writes nothing', async () => {
    const { builder } = salesBundle();
    const before = await countEvents(t);
    const response = await importZip(await builder.zip(), tenant.owner.auth, '?dryRun=true').expect(200);
    expect(response.body.items).toHaveLength(5);
    expect(response.body.items.every((item: { action: string }) => item.action === 'create')).toBe(true);
    expect(await countEvents(t)).toBe(before);
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from resource_mappings where org_id = $1 and source_uuid = $2', [tenant.org, response.body.items[0].sourceUuid]);
    expect(row.n).toBe(0);
  });

  it('warns about a chart whose dataset is neither in the bundle nor mapped, and about unknown keys', async () => {
    const builder = new SupersetBundleBuilder();
    const orphan = builder.chart({ uuid: '0b8f7c4e-6a51-4bb1-8f6e-0f0e3c4f2a10' }, { future_field: 'x' });
    const response = await importZip(await builder.zip(), tenant.owner.auth, '?dryRun=true').expect(200);
    expect(response.body.items[0].warnings).toEqual([
      expect.stringContaining('unknown key "future_field"'),
      expect.stringContaining(`dataset_uuid ${orphan.datasetUuid} names a dataset that is neither in the bundle nor imported before`),
    ]);
  });

  it('viewers may not import', async () => {
    const { builder } = salesBundle();
    expect((await importZip(await builder.zip(), tenant.viewer.auth)).status).toBe(403);
  });
});
