import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readZipEntries } from '#bundles/zip/read-zip-entries.js';
import { newTenant, useTenant, type Tenant } from '../support/entity-fixtures.js';
import { bundleHttp } from '../support/bundle-http.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const orgA = useTenant(t);

const { importZip, exportZip } = bundleHttp(t);

/** The archive's YAML files by path without the export folder. */
async function files(zip: Buffer): Promise<Record<string, any>> {
  const out: Record<string, any> = {};
  for await (const entry of readZipEntries(zip)) out[entry.name.split('/').slice(1).join('/')] = entry.name.endsWith('.jsonl') ? entry.text : parse(entry.text);
  return out;
}

const ofFolder = (all: Record<string, any>, folder: string) => Object.entries(all).filter(([name]) => name.startsWith(`${folder}/`)).map(([, value]) => value);

function salesBundle() {
  const builder = new SupersetBundleBuilder();
  const dataset = builder.dataset();
  const charts = [builder.chart(dataset), builder.chart(dataset), builder.chart(dataset)];
  const dashboard = builder.dashboard(charts);
  return { builder, dataset, charts, dashboard };
}

const state = async (tenant: Tenant, resource: string, id: string) => (await t.http.get(`/api/v1/${resource}/${id}`).set('Authorization', tenant.owner.auth).expect(200)).body;

describe('GET /api/v1/{resource}/{id}/export', () => {
  it('writes a Superset bundle: the dashboard, its charts, their dataset and database; Rewind ids as uuids, integer chart ids filled in consistently', async () => {
    const { builder, dataset, dashboard } = salesBundle();
    const imported = await importZip(await builder.zip(), orgA);
    const dashboardId = imported.items.at(-1).id;
    const all = await files(await exportZip('dashboards', dashboardId, orgA));
    expect(all['metadata.yaml']).toMatchObject({ version: '1.0.0', type: 'Dashboard' });
    const [board] = ofFolder(all, 'dashboards');
    const charts = ofFolder(all, 'charts');
    const [exportedDataset] = Object.entries(all).filter(([name]) => name.startsWith('datasets/warehouse_0/')).map(([, value]) => value);
    const [database] = ofFolder(all, 'databases');
    expect(charts).toHaveLength(3);
    expect(board.uuid).toBe(dashboardId);
    expect(database).toMatchObject({ database_name: 'warehouse_0', sqlalchemy_uri: builder.databases[0].sqlalchemy_uri });
    expect(exportedDataset.database_uuid).toBe(database.uuid);

    const pairs = Object.values<any>(board.position).filter((component) => component?.type === 'CHART').map((component) => [component.meta.chartId, component.meta.uuid]);
    expect(new Set(pairs.map(([chartId]) => chartId)).size).toBe(3);
    expect(pairs.map(([, uuid]) => uuid).sort()).toEqual(charts.map((chart) => chart.uuid).sort());
    const ints = pairs.map(([chartId]) => chartId);
    expect(Object.keys(board.metadata.chart_configuration).map(Number).sort()).toEqual([...ints].sort());
    for (const [key, config] of Object.entries<any>(board.metadata.chart_configuration)) expect(config.id).toBe(Number(key));
    expect(board.metadata.global_chart_configuration.chartsInScope.sort()).toEqual([...ints].sort());
    expect(board.metadata.native_filter_configuration[0].targets[0].datasetUuid).toBe(exportedDataset.uuid);

    // Lossless: what came in goes out, key for key (ids aside).
    // Columns and metrics come back sorted by name (Rewind keys them by name).
    const byName = (items: any[], key: string) => [...items].sort((x, y) => String(x[key]).localeCompare(String(y[key])));
    const { uuid: _u, database_uuid: _d, columns, metrics, ...datasetFields } = dataset;
    expect(exportedDataset).toMatchObject(datasetFields);
    expect(byName(exportedDataset.columns, 'column_name')).toMatchObject(byName(columns as any[], 'column_name'));
    expect(byName(exportedDataset.metrics, 'metric_name')).toMatchObject(byName(metrics as any[], 'metric_name'));
    // Rewind holds "" and null as one blank value (DESIGN.md); it comes back as null.
    const { position: _p, metadata: _m, uuid: _x, ...dashboardFields } = dashboard;
    const blanksAsNull = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).map(([key, v]) => [key, v === '' ? null : v]));
    expect(board).toMatchObject({ ...blanksAsNull(dashboardFields), is_managed_externally: false });
    const original = builder.charts[0].config;
    const exportedChart = charts.find((chart) => chart.slice_name === original.slice_name);
    expect(exportedChart).toMatchObject({ viz_type: original.viz_type, params: original.params, cache_timeout: null });
    expect(JSON.parse(exportedChart.query_context)).toEqual(JSON.parse(String(original.query_context)));
  });

  it('round-trips: export from org A, import into org B gives equal states, cross-filters pointing at B’s charts', async () => {
    const { builder } = salesBundle();
    const inA = await importZip(await builder.zip(), orgA);
    const zip = await exportZip('dashboards', inA.items.at(-1).id, orgA);
    const orgB = newTenant(t);
    const inB = await importZip(zip, orgB, '?source=rewind-org-a');
    expect(inB.warnings).toEqual([]);
    const idInB = new Map<string, string>(inB.items.map((item: { sourceUuid: string; id: string }) => [item.sourceUuid, item.id]));
    const toB = (value: unknown) => {
      let text = JSON.stringify(value);
      for (const [a, b] of idInB) text = text.replaceAll(a, b);
      return JSON.parse(text);
    };
    const audit = ['id', 'version', 'versionId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'owners'];
    // Membership is listed in id order, which differs between orgs.
    const strip = (entity: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(entity).filter(([key]) => !audit.includes(key)).map(([key, value]) => [key, key === 'chartIds' ? [...(value as string[])].sort() : value]));
    for (const item of inA.items as { entityKind: string; id: string }[]) {
      const resource = `${item.entityKind}s`;
      const a = await state(orgA, resource, item.id);
      const b = await state(orgB, resource, idInB.get(item.id)!);
      expect(strip(b)).toEqual(strip(toB(a)));
    }
    const board = await state(orgB, 'dashboards', idInB.get(inA.items.at(-1).id)!);
    for (const key of Object.keys(board.metadata.chart_configuration)) expect(board.chartIds).toContain(key);
  });

  it('?version= exports a past version', async () => {
    const { builder, dashboard } = salesBundle();
    const imported = await importZip(await builder.zip(), orgA);
    const id = imported.items.at(-1).id;
    const first = await state(orgA, 'dashboards', id);
    await t.http.patch(`/api/v1/dashboards/${id}`).set('Authorization', orgA.owner.auth).send({ title: 'Renamed' }).expect(200);
    expect(ofFolder(await files(await exportZip('dashboards', id, orgA)), 'dashboards')[0].dashboard_title).toBe('Renamed');
    expect(ofFolder(await files(await exportZip('dashboards', id, orgA, `?version=${first.versionId}`)), 'dashboards')[0].dashboard_title).toBe(dashboard.dashboard_title);
  });

  it('another org’s entity is a 404', async () => {
    const { builder } = salesBundle();
    const imported = await importZip(await builder.zip(), orgA);
    const other = newTenant(t);
    expect((await t.http.get(`/api/v1/charts/${imported.items[1].id}/export`).set('Authorization', other.viewer.auth)).status).toBe(404);
  });
});
