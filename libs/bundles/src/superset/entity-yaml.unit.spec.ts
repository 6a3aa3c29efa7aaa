import { describe, expect, it } from 'vitest';
import { chartSuperset } from '#entities/chart/chart.superset.js';
import { dashboardSuperset } from '#entities/dashboard/dashboard.superset.js';
import { datasetSuperset } from '#entities/dataset/dataset.superset.js';
import { readEntityYaml, writeEntityYaml } from './entity-yaml.js';

const uuid = '6c1a3e0c-2f0b-4bde-9c7e-2b8f0f7d9a11';

describe('writeEntityYaml', () => {
  it('leaves out empty keys that older Superset versions refuse, and keeps them when set', () => {
    const empty = writeEntityYaml(dashboardSuperset, { title: 'Sales', themeId: null, roles: [], tags: [] }, uuid, {});
    expect(empty).not.toHaveProperty('theme_id');
    expect(empty).not.toHaveProperty('roles');
    expect(empty).not.toHaveProperty('tags');
    expect(writeEntityYaml(dashboardSuperset, { title: 'Sales', themeId: 2, roles: ['Gamma'], tags: ['q1'] }, uuid, {})).toMatchObject({ theme_id: 2, roles: ['Gamma'], tags: ['q1'] });
    const dataset = writeEntityYaml(datasetSuperset, { tableName: 'orders', dataUrl: null, columns: [], metrics: [] }, uuid, { database_uuid: uuid });
    expect(dataset).not.toHaveProperty('data');
    expect(dataset).toMatchObject({ table_name: 'orders', params: null, extra: null, database_uuid: uuid, uuid, version: '1.0.0' });
  });

  it('reads back what it writes', () => {
    const state = { name: 'Orders', vizType: 'table', params: { metrics: ['count'] }, queryContext: { queries: [] }, cacheTimeout: 60, tags: ['ops'] };
    const yaml = writeEntityYaml(chartSuperset, state, uuid, { dataset_uuid: uuid });
    expect(yaml.query_context).toBe('{"queries":[]}');
    const read = readEntityYaml(chartSuperset, 'charts/orders.yaml', yaml);
    expect(read).toMatchObject({ sourceUuid: uuid, refs: { datasetId: uuid }, cached: { queryContext: { queries: [] } }, warnings: [] });
    expect(read.input).toMatchObject({ name: 'Orders', vizType: 'table', params: { metrics: ['count'] }, cacheTimeout: 60, tags: ['ops'] });
  });
});
