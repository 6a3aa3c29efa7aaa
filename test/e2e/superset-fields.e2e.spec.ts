import { describe, expect, it } from 'vitest';
import { createEntity, datasetBody, newChart, newDashboard, useTenant } from '#test/support/entity-fixtures.js';
import { useTestApp } from '#test/support/test-app.js';

const t = useTestApp();
const tenant = useTenant(t);

const supersetDataset = {
  currencyCodeColumn: 'currency',
  defaultEndpoint: 'https://example.test/orders',
  offset: -2,
  sourceDbEngine: 'postgresql',
  templateParams: { region: 'emea' },
  filterSelectEnabled: true,
  fetchValuesPredicate: "country <> 'XX'",
  isManagedExternally: true,
  externalUrl: 'https://git.example.test/orders.yaml',
  normalizeColumns: true,
  alwaysFilterMainDttm: true,
  folders: [{ uuid: '7d3c1c41-55f5-4b6c-9fd6-8ab0cd2b3c55', type: 'folder', name: 'Money', children: [] }],
  dataUrl: 'https://example.test/orders.csv',
  dataFile: 'orders.parquet',
  columns: [
    {
      columnName: 'created_at',
      type: 'TIMESTAMP',
      isDttm: true,
      isActive: false,
      pythonDateFormat: '%Y-%m-%d',
      datetimeFormat: '%Y-%m-%d',
      advancedDataType: 'internet_address',
      extra: { warning_markdown: 'late rows' },
      uuid: '0d6f5a28-2f39-4a1c-9b43-4a2e8a4bb6f1',
    },
  ],
  metrics: [{ metricName: 'count', expression: 'COUNT(*)', warningText: 'approximate', extra: { certified_by: 'Ops' }, uuid: '8c7b1f3e-1e39-4b8e-bb8e-0f3c9c0ad2a4' }],
};

describe('Superset export fields have a home in every definition', () => {
  it('a dataset keeps every Superset field, its columns and metrics too, and a rebuild reads them back', async () => {
    const created = await createEntity(t, tenant.owner.auth, 'datasets', datasetBody(supersetDataset));
    const { columns, metrics, ...scalars } = supersetDataset;
    expect(created).toMatchObject(scalars);
    expect(created.columns[0]).toMatchObject(columns[0]);
    expect(created.metrics[0]).toMatchObject(metrics[0]);
    const read = await t.http.get(`/api/v1/datasets/${created.id}`).set('Authorization', tenant.owner.auth).expect(200);
    expect(read.body).toEqual(created);
  });

  it('the new fields have the definitions’ defaults when not sent', async () => {
    const created = await createEntity(t, tenant.owner.auth, 'datasets', datasetBody());
    expect(created).toMatchObject({ isManagedExternally: false, normalizeColumns: false, templateParams: null, folders: null, offset: null });
    expect(created.columns[0]).toMatchObject({ isActive: true, extra: null, uuid: null });
  });

  it('charts and dashboards keep isManagedExternally, themeId and roles, and a change is versioned', async () => {
    const chart = await newChart(t, tenant.owner.auth, { isManagedExternally: true });
    expect(chart.isManagedExternally).toBe(true);
    const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [chart.id], isManagedExternally: true, themeId: 3, roles: ['Gamma'] });
    expect(dashboard).toMatchObject({ isManagedExternally: true, themeId: 3, roles: ['Gamma'] });
    const patched = await t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).send({ themeId: 4 }).expect(200);
    expect(patched.body.version).toBe(2);
  });

  it('a wrong type in a new field is a 400 naming it', async () => {
    const response = await t.http.post('/api/v1/datasets').set('Authorization', tenant.owner.auth).send(datasetBody({ folders: { not: 'a list' } }));
    expect(response.status).toBe(400);
    expect(response.body.message).toContainEqual(expect.stringContaining('folders'));
  });
});
