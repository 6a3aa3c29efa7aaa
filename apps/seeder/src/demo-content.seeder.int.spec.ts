import { QueryBus } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config/app-config.js';
import { Database } from '#database/database.js';
import type { Actor } from '#revisions/actor.js';
import { Clock } from '#revisions/clock.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { TestClock } from '#test/support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '#test/support/test-database.js';
import { DemoContentSeeder, SEEDER_ACTOR_ID, demoEntityIds, type SeedResult } from './demo-content.seeder.js';
import { SeederModule } from './seeder.module.js';

const ORG = 'org-seed';
const viewer = (org: string): Actor => ({ id: 'user:viewer', org, roles: ['viewer'] });

describe('DemoContentSeeder (real PostgreSQL, through the buses)', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let seeder: DemoContentSeeder;
  let queries: QueryBus;
  let db: Database;
  let first: SeedResult;

  const eventCount = async () => Number((await db.query<{ n: string }>('select count(*) as n from revision_events'))[0].n);
  const versions = (kind: string, id: string, org = ORG) => queries.execute(new ListVersionsQuery(kind, id, viewer(org)));

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({ imports: [SeederModule.forRoot({ ...loadConfig({}), databaseUrl: database.url, databaseMigrationUrl: database.migrationUrl })] })
      .overrideProvider(Clock)
      .useValue(new TestClock())
      .compile();
    moduleRef.useLogger(['fatal']);
    await moduleRef.init();
    seeder = moduleRef.get(DemoContentSeeder);
    queries = moduleRef.get(QueryBus);
    db = moduleRef.get(Database);
    first = await seeder.seed(ORG);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await database?.drop();
  });

  it('uses the fixed ids of the org and reports the versions it made', () => {
    expect(first).toMatchObject({ org: ORG, ...demoEntityIds(ORG) });
    expect(first.steps.map(({ step, kind, version, appended }) => [step, kind, version, appended])).toEqual([
      ['create-dataset', 'dataset', 1, true],
      ['create-chart', 'chart', 1, true],
      ['create-dashboard', 'dashboard', 1, true],
      ['edit-dashboard', 'dashboard', 2, true],
      ['edit-chart', 'chart', 2, true],
    ]);
  });

  it('attributes every version of the dashboard and the chart to system:seeder', async () => {
    const dashboard = await versions('dashboard', first.dashboardId);
    const chart = await versions('chart', first.chartId);
    const dataset = await versions('dataset', first.datasetId);
    for (const page of [dashboard, chart, dataset]) {
      expect(page.items.length).toBeGreaterThan(0);
      for (const item of page.items) expect(item.actor.id).toBe(SEEDER_ACTOR_ID);
    }
    expect(dashboard.items.map((item) => [item.version, item.operation])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(chart.items.map((item) => [item.version, item.operation])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(dataset.items.map((item) => item.operation)).toEqual(['create']);
  });

  it('records the edits as change records', async () => {
    const [dashboardEdit] = (await versions('dashboard', first.dashboardId)).items;
    expect(dashboardEdit.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'change', path: ['title'], from: 'Orders overview', to: 'Orders overview (demo)' }),
        expect.objectContaining({ op: 'change', path: ['metadata', 'refresh_frequency'], from: 0, to: 300 }),
      ]),
    );
    const [chartEdit] = (await versions('chart', first.chartId)).items;
    expect(chartEdit.changes).toEqual([expect.objectContaining({ op: 'change', path: ['params', 'time_range'], from: 'Last quarter', to: 'Last year' })]);
  });

  it('leaves a dashboard that lists the chart, on a chart that uses the dataset', async () => {
    const dashboard = await queries.execute(new GetEntityQuery('dashboard', first.dashboardId, viewer(ORG)));
    expect(dashboard).toMatchObject({ version: 2, title: 'Orders overview (demo)', chartIds: [first.chartId], createdBy: SEEDER_ACTOR_ID, owners: [SEEDER_ACTOR_ID] });
    expect(dashboard.metadata).toMatchObject({ refresh_frequency: 300 });
    const components = Object.values(dashboard.layout as Record<string, { type: string; meta?: { chartId?: string } }>);
    expect(components.filter((component) => component.type === 'CHART').map((component) => component.meta?.chartId)).toEqual([first.chartId]);

    const chart = await queries.execute(new GetEntityQuery('chart', first.chartId, viewer(ORG)));
    expect(chart).toMatchObject({ datasetId: first.datasetId, params: { time_range: 'Last year', groupby: ['country'] } });
    const dataset = await queries.execute(new GetEntityQuery('dataset', first.datasetId, viewer(ORG)));
    expect((dataset.columns as { columnName: string }[]).map((column) => column.columnName)).toEqual(['amount', 'country', 'order_date', 'order_id', 'status']);
    expect((dataset.metrics as { metricName: string }[]).map((metric) => metric.metricName)).toEqual(['avg_order_value', 'count', 'revenue']);
  });

  it('appends nothing when run again, and answers with the same entities and versions', async () => {
    const before = await eventCount();
    const again = await seeder.seed(ORG);
    expect(await eventCount()).toBe(before);
    expect({ ...again, steps: again.steps.map(({ step, id }) => [step, id]) }).toEqual({ ...first, steps: first.steps.map(({ step, id }) => [step, id]) });
    expect(again.steps.map((step) => step.appended)).toEqual([false, false, false, false, false]);
    expect(again.steps.map((step) => step.commandId)).toEqual(first.steps.map((step) => step.commandId));
    expect((await versions('dashboard', first.dashboardId)).items).toHaveLength(2);
    const dashboard = await queries.execute(new GetEntityQuery('dashboard', first.dashboardId, viewer(ORG)));
    expect(dashboard.version).toBe(2);
  });

  it('survives two seeders of one org racing: the history holds each step once', async () => {
    const org = 'org-race';
    const results = await Promise.all([seeder.seed(org), seeder.seed(org)]);
    const { dashboardId, chartId } = demoEntityIds(org);
    for (const result of results) expect(result.dashboardId).toBe(dashboardId);
    const [{ n }] = await db.query<{ n: string }>(`select count(*) as n from revision_events where metadata ->> 'org' = $1`, [org]);
    expect(Number(n)).toBe(5);
    expect((await versions('dashboard', dashboardId, org)).items.map((item) => item.operation)).toEqual(['update', 'create']);
    expect((await versions('chart', chartId, org)).items.map((item) => item.operation)).toEqual(['update', 'create']);
  });

  it('keeps orgs apart: another org gets its own entities, and cannot see this org’s', async () => {
    const other = await seeder.seed('org-other');
    expect(other.dashboardId).not.toBe(first.dashboardId);
    expect(new Set(other.steps.map((step) => step.version))).toEqual(new Set([1, 2]));
    await expect(queries.execute(new GetEntityQuery('dashboard', first.dashboardId, viewer('org-other')))).rejects.toThrow(/not found/);
  });
});
