import { describe, expect, it } from 'vitest';
import { supersetMappings } from '#entities/superset-mappings.js';
import { SupersetBundleBuilder } from '#test/support/superset-bundle.js';
import { writeZip } from '../zip/write-zip.js';
import { readSupersetBundle } from './read-bundle.js';

const read = async (builder: SupersetBundleBuilder) => readSupersetBundle(await builder.zip(), supersetMappings);

describe('readSupersetBundle', () => {
  it('reads every file of a Superset export into definition input, snake_case to camelCase', async () => {
    const builder = new SupersetBundleBuilder();
    const dataset = builder.dataset();
    const charts = [builder.chart(dataset), builder.chart(dataset)];
    builder.dashboard(charts);
    const bundle = await read(builder);
    expect(bundle.warnings).toEqual([]);
    expect(bundle.databases.map((database) => database.name)).toEqual(['warehouse_0']);
    const [readDataset] = bundle.entities.get('dataset')!;
    expect(readDataset).toMatchObject({ sourceUuid: dataset.uuid, refs: { database: builder.databases[0].uuid }, warnings: [] });
    expect(readDataset.input).toMatchObject({ tableName: 'orders_0', filterSelectEnabled: true, offset: 0, normalizeColumns: false });
    expect((readDataset.input.columns as object[])[0]).toMatchObject({ columnName: 'order_date', isDttm: true, isActive: true, type: 'TIMESTAMP WITHOUT TIME ZONE' });
    expect((readDataset.input.metrics as object[])[1]).toMatchObject({ metricName: 'revenue', currency: { symbol: 'EUR', symbolPosition: 'suffix' }, warningText: 'net of tax' });
    const [chart] = bundle.entities.get('chart')!;
    expect(chart).toMatchObject({ refs: { datasetId: dataset.uuid }, input: { name: 'Orders by country 0', vizType: 'echarts_timeseries_bar' } });
    expect(chart.cached.queryContext).toMatchObject({ datasource: { type: 'table' } });
    expect(bundle.entities.get('dashboard')![0].input).toMatchObject({ title: 'Sales 0', published: true });
  });

  it('reports unknown keys as warnings naming the file and key', async () => {
    const builder = new SupersetBundleBuilder();
    builder.chart(builder.dataset(), { future_field: 1 });
    const bundle = await read(builder);
    expect(bundle.entities.get('chart')![0].warnings).toEqual([expect.stringMatching(/^charts\/.*\.yaml: unknown key "future_field"/)]);
  });

  it('accepts a bundle without the export folder', async () => {
    const builder = new SupersetBundleBuilder('');
    builder.chart(builder.dataset());
    expect((await read(builder)).entities.get('chart')).toHaveLength(1);
  });

  it('refuses duplicate uuids, naming both files', async () => {
    const builder = new SupersetBundleBuilder();
    const dataset = builder.dataset();
    const chart = builder.chart(dataset);
    builder.chart(dataset, { uuid: chart.uuid, slice_name: 'Copy' });
    await expect(read(builder)).rejects.toThrow(/uuid .* is also used by charts\//);
  });

  it('refuses a bundle without metadata.yaml, and a file without a uuid', async () => {
    await expect(readSupersetBundle(await writeZip([{ name: 'charts/a.yaml', text: 'slice_name: a\nuuid: 6c1a3e0c-2f0b-4bde-9c7e-2b8f0f7d9a11\n' }]), supersetMappings)).rejects.toThrow(/metadata\.yaml/);
    const builder = new SupersetBundleBuilder();
    builder.chart(builder.dataset(), { uuid: null });
    await expect(read(builder)).rejects.toThrow(/charts\/.*: uuid is required/);
  });
});
