import { describe, expect, it } from 'vitest';
import { readZipEntries } from '#bundles/zip/read-zip-entries.js';
import { newTenant, useTenant, type Tenant } from '../support/entity-fixtures.js';
import { bundleHttp } from '../support/bundle-http.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const orgA = useTenant(t);

const { importZip, exportZip } = bundleHttp(t);

const versions = async (tenant: Tenant, resource: string, id: string) =>
  (await t.http.get(`/api/v1/${resource}/${id}/versions?limit=100`).set('Authorization', tenant.viewer.auth).expect(200)).body.items;

/** A dashboard, three charts and a dataset with a few versions by several people, over a few days. */
async function historyInOrgA() {
  const builder = new SupersetBundleBuilder();
  const dataset = builder.dataset();
  builder.dashboard([builder.chart(dataset), builder.chart(dataset), builder.chart(dataset)]);
  t.clock.set('2026-03-01T09:00:00.000Z');
  const imported = await importZip(await builder.zip(), orgA);
  const [, chartId, , , dashboardId] = imported.items.map((item: { id: string }) => item.id);
  const chart = (await t.http.get(`/api/v1/charts/${chartId}`).set('Authorization', orgA.admin.auth)).body;
  t.clock.set('2026-03-02T10:00:00.000Z');
  await t.http.patch(`/api/v1/charts/${chartId}`).set('Authorization', orgA.admin.auth).set('Revision-Message', 'clearer name').send({ name: 'Orders per country' }).expect(200);
  t.clock.set('2026-03-03T11:00:00.000Z');
  await t.http.patch(`/api/v1/dashboards/${dashboardId}`).set('Authorization', orgA.owner.auth).set('Revision-Message', 'quarter in the title').send({ title: 'Sales, Q1' }).expect(200);
  t.clock.set('2026-03-04T12:00:00.000Z');
  await t.http.post(`/api/v1/charts/${chartId}/versions/${chart.versionId}/restore`).set('Authorization', orgA.admin.auth).expect(200);
  return { imported, chartId, dashboardId };
}

describe('history bundles', () => {
  it('export ?history=true adds one history/*.jsonl per exported entity', async () => {
    const { dashboardId, chartId } = await historyInOrgA();
    const names: string[] = [];
    for await (const entry of readZipEntries(await exportZip('dashboards', dashboardId, orgA, '?history=true'))) names.push(entry.name.split('/').slice(1).join('/'));
    expect(names).toContain(`history/charts/${chartId}.jsonl`);
    expect(names).toContain(`history/dashboards/${dashboardId}.jsonl`);
    expect(names.filter((name) => name.startsWith('history/'))).toHaveLength(5);
  });

  it('importing it into another org recreates every version with its actors, timestamps, messages and change records, ids remapped', async () => {
    const { imported, dashboardId } = await historyInOrgA();
    const orgB = newTenant(t);
    t.clock.set('2026-06-01T00:00:00.000Z');
    const inB = await importZip(await exportZip('dashboards', dashboardId, orgA, '?history=true'), orgB, '?source=rewind-a');
    expect(inB.warnings).toEqual([]);
    const idInB = new Map<string, string>(inB.items.map((item: { sourceUuid: string; id: string }) => [item.sourceUuid, item.id]));
    const toB = (value: unknown) => {
      let text = JSON.stringify(value);
      for (const [a, b] of idInB) text = text.replaceAll(a, b);
      return JSON.parse(text);
    };
    for (const item of imported.items as { entityKind: string; id: string }[]) {
      const resource = `${item.entityKind}s`;
      const inA = await versions(orgA, resource, item.id);
      const recreated = await versions(orgB, resource, idInB.get(item.id)!);
      const comparable = (list: any[]) => list.map(({ version, operation, createdAt, actor, message, changes, restoredFrom }) => ({ version, operation, createdAt, actor, message, changes, restoredFrom: restoredFrom?.version ?? null }));
      expect(comparable(recreated)).toEqual(toB(comparable(inA)));
      for (const version of recreated) expect(inA.map((v: { versionId: string }) => v.versionId)).not.toContain(version.versionId);
      const a = (await t.http.get(`/api/v1/${resource}/${item.id}`).set('Authorization', orgA.viewer.auth)).body;
      const b = (await t.http.get(`/api/v1/${resource}/${idInB.get(item.id)}`).set('Authorization', orgB.viewer.auth)).body;
      expect({ ...b, id: null, versionId: null, chartIds: b.chartIds?.sort() }).toEqual({ ...toB(a), id: null, versionId: null, chartIds: toB(a).chartIds?.sort() });
    }
  });

  it('a history line that breaks the definition refuses the bundle, naming file and line', async () => {
    const builder = new SupersetBundleBuilder();
    const chart = builder.chart(builder.dataset());
    builder.file(`history/charts/${chart.uuid}.jsonl`, `${JSON.stringify({ version: 1, type: 'Created', data: { state: { name: '', vizType: 'table' } }, actor: { id: 'u' }, recordedAt: '2026-01-01T00:00:00Z' })}\n`);
    const response = await t.http.post('/api/v1/imports').set('Authorization', orgA.admin.auth).set('Content-Type', 'application/zip').send(await builder.zip());
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(/history\/charts\/.*\.jsonl: line 1: name is required/);
  });
});
