import { describe, expect, it } from 'vitest';
import { readZipEntries } from '#bundles/zip/read-zip-entries.js';
import { useTenant } from '../support/entity-fixtures.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

/** History bundles name each line's schema version, so they outlive a definition change too. */
const t = useTestApp();
const org = useTenant(t);

const importBundle = (zip: Buffer) => t.http.post('/api/v1/imports').set('Authorization', org.admin.auth).set('Content-Type', 'application/zip').send(zip);

function chartWithHistory(line: object) {
  const builder = new SupersetBundleBuilder();
  const chart = builder.chart(builder.dataset());
  builder.file(`history/charts/${chart.uuid}.jsonl`, `${JSON.stringify({ version: 1, type: 'Created', actor: { id: 'ada' }, recordedAt: '2026-01-01T00:00:00Z', ...line })}\n`);
  return builder;
}

describe('schema versions in history bundles', () => {
  it('an export names the schema version of every history line', async () => {
    const builder = new SupersetBundleBuilder();
    builder.chart(builder.dataset());
    const { body } = await importBundle(await builder.zip()).expect(200);
    const chartId = body.items.find((item: { entityKind: string }) => item.entityKind === 'chart').id;
    const response = await t.http.get(`/api/v1/charts/${chartId}/export?history=true`).set('Authorization', org.viewer.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const lines: { schemaVersion: number }[] = [];
    for await (const entry of readZipEntries(response.body as Buffer)) if (entry.name.endsWith('.jsonl')) lines.push(...entry.text.trim().split('\n').map((text) => JSON.parse(text)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.schemaVersion === 2)).toBe(true);
  });

  it('a line written under an older schema version is lifted by the upcasters', async () => {
    const state = { name: 'Orders', vizType: 'table', params: {}, owners: ['ada'], tags: [] };
    const response = await importBundle(await chartWithHistory({ schemaVersion: 1, data: { state } }).zip());
    expect(response.status).toBe(200);
    const id = response.body.items.find((item: { entityKind: string }) => item.entityKind === 'chart').id;
    const [first] = (await t.http.get(`/api/v1/charts/${id}/versions?limit=100`).set('Authorization', org.viewer.auth).expect(200)).body.items.reverse();
    const version = (await t.http.get(`/api/v1/charts/${id}/versions/${first.versionId}`).set('Authorization', org.viewer.auth).expect(200)).body;
    expect(version.state).toMatchObject({ name: 'Orders', isManagedExternally: false });
  });

  it('a line from a newer schema version than this build reads refuses the bundle, naming file and line', async () => {
    const response = await importBundle(await chartWithHistory({ schemaVersion: 3, data: { state: { name: 'Orders', vizType: 'table' } } }).zip());
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(/history\/charts\/.*\.jsonl: line 1: schemaVersion must be an integer from 1 to 2/);
  });
});
