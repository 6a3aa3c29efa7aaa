import { randomUUID } from 'node:crypto';
import type { Role } from '#revisions/actor.js';
import { beforeAll } from 'vitest';
import { derivedFixture } from './derived-fixtures.js';
import { lateBound, SERVED_KINDS, type TestApp } from './test-app.js';

/** A REST collection: the three real kinds' and the test-only kinds' (test/kinds). */
export type Resource = string;
export type Body = Record<string, unknown>;
// Response bodies are JSON; tests read them loosely.
export type Entity = { id: string; version: number; versionId: string } & Record<string, any>;

export const uid = (): string => randomUUID().slice(0, 8);

/** A user of one org with a ready `Authorization` header value. */
export interface User {
  id: string;
  auth: string;
}

/** A fresh organization with one user per role; `owner` is the editor who creates things. */
export interface Tenant {
  org: string;
  owner: User;
  editor: User;
  viewer: User;
  admin: User;
}

/** A tenant, one kind's prepared bodies and one entity of it made by the tenant's owner, before the describe's tests. */
export function useKindEntity(t: TestApp, fx: KindFixture): { tenant: Tenant; bodies: KindBodies; entity: Entity } {
  let setup: { tenant: Tenant; bodies: KindBodies; entity: Entity } | undefined;
  beforeAll(async () => {
    const tenant = newTenant(t);
    const bodies = await fx.prepare(t, tenant.owner.auth);
    setup = { tenant, bodies, entity: await createEntity(t, tenant.owner.auth, fx.resource, bodies.create) };
  });
  return {
    tenant: lateBound(() => setup?.tenant, 'the tenant'),
    bodies: lateBound(() => setup?.bodies, 'the bodies'),
    entity: lateBound(() => setup?.entity, 'the entity'),
  };
}

/** The file's tenant on the file's app, made once before its tests. */
export function useTenant(t: TestApp): Tenant {
  let tenant: Tenant | undefined;
  beforeAll(() => {
    tenant = newTenant(t);
  });
  return lateBound(() => tenant, 'the tenant');
}

export function newTenant(t: TestApp): Tenant {
  const org = `org-${uid()}`;
  const user = (name: string, ...roles: Role[]): User => {
    const id = `${name}-${uid()}`;
    return { id, auth: t.auth(id, org, ...roles) };
  };
  return { org, owner: user('owner', 'editor'), editor: user('editor', 'editor'), viewer: user('viewer', 'viewer'), admin: user('admin', 'admin') };
}

/** Creates through the API and fails loudly when the API refuses. */
export async function createEntity(t: TestApp, auth: string, resource: Resource, body: Body): Promise<Entity> {
  const response = await t.http.post(`/api/v1/${resource}`).set('Authorization', auth).send(body);
  if (response.status !== 201) throw new Error(`POST /api/v1/${resource} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Entity;
}

export function datasetBody(overrides: Body = {}): Body {
  return {
    tableName: `orders_${uid()}`,
    schema: 'public',
    database: 'warehouse',
    description: 'One row per order',
    mainDttmCol: 'created_at',
    // The API returns children sorted by natural key; these already are.
    columns: [
      { columnName: 'country', type: 'TEXT', verboseName: 'Country', groupby: true },
      { columnName: 'created_at', type: 'TIMESTAMP', isDttm: true },
      { columnName: 'order_id', type: 'BIGINT', groupby: true, filterable: true },
    ],
    metrics: [{ metricName: 'count', expression: 'COUNT(*)', metricType: 'count' }],
    ...overrides,
  };
}

export function newDataset(t: TestApp, auth: string, overrides: Body = {}): Promise<Entity> {
  return createEntity(t, auth, 'datasets', datasetBody(overrides));
}

/** A chart on a new dataset of the caller's org unless `datasetId` is given. */
export async function newChart(t: TestApp, auth: string, overrides: Body = {}): Promise<Entity> {
  const datasetId = 'datasetId' in overrides ? overrides.datasetId : (await newDataset(t, auth)).id;
  return createEntity(t, auth, 'charts', {
    name: `Orders by country ${uid()}`,
    vizType: 'echarts_timeseries_line',
    datasetId,
    params: { metrics: ['count'], groupby: ['country'], time_range: 'Last week', color_scheme: 'supersetColors' },
    description: 'Daily orders',
    cacheTimeout: 300,
    ...overrides,
  });
}

/** Layout with one CHART component per chart id (`meta.chartId`). */
export function layoutFor(chartIds: string[]): Body {
  const layout: Body = { ROOT_ID: { type: 'ROOT', id: 'ROOT_ID', children: chartIds.map((_, i) => `CHART-${i}`) } };
  chartIds.forEach((chartId, i) => (layout[`CHART-${i}`] = { type: 'CHART', id: `CHART-${i}`, meta: { chartId, width: 4, height: 50 } }));
  return layout;
}

/** A dashboard showing a new chart of the caller's org unless `chartIds` is given. */
export async function newDashboard(t: TestApp, auth: string, overrides: Body = {}): Promise<Entity> {
  const chartIds = 'chartIds' in overrides ? (overrides.chartIds as string[]) : [(await newChart(t, auth)).id];
  return createEntity(t, auth, 'dashboards', {
    title: `Sales overview ${uid()}`,
    slug: `sales-${uid()}`,
    description: 'Quarterly numbers',
    published: true,
    metadata: { color_scheme: 'supersetColors', refresh_frequency: 60 },
    layout: layoutFor(chartIds),
    chartIds,
    tags: ['sales'],
    ...overrides,
  });
}

/** Valid bodies for one kind; referenced entities already exist in the caller's org. */
export interface KindBodies {
  create: Body;
  /** touches `patchField` only */
  patch: Body;
  /** a full state that leaves out `clearedByPut.field` */
  put: Body;
}

export interface KindFixture {
  resource: Resource;
  kind: string;
  /** Creates what the bodies reference, as `auth`, and returns the bodies. */
  prepare(t: TestApp, auth: string): Promise<KindBodies>;
  /** A text field a PATCH may set to any non-blank string. */
  patchField: string;
  /** An optional field the create body sets and the PUT body leaves out, and the value it then takes. */
  clearedByPut: { field: string; value: unknown };
  /** A field and a value of the wrong type for it. */
  wrongType: { field: string; value: unknown };
  requiredField: string;
  longString: { field: string; maxLength: number };
}

export const fixtures: Record<Resource, KindFixture> & Record<'dashboards' | 'charts' | 'datasets', KindFixture> = {
  dashboards: {
    resource: 'dashboards',
    kind: 'dashboard',
    prepare: async (t, auth) => {
      const chart = await newChart(t, auth);
      const shared = { layout: layoutFor([chart.id]), chartIds: [chart.id] };
      return {
        create: { title: `Sales ${uid()}`, description: 'Quarterly numbers', published: true, metadata: { color_scheme: 'bnbColors' }, ...shared },
        patch: { title: 'Sales (renamed)' },
        put: { title: 'Sales (replaced)', css: '.x { color: red }', ...shared },
      };
    },
    patchField: 'title',
    clearedByPut: { field: 'description', value: null },
    wrongType: { field: 'published', value: 'yes' },
    requiredField: 'title',
    longString: { field: 'title', maxLength: 500 },
  },
  charts: {
    resource: 'charts',
    kind: 'chart',
    prepare: async (t, auth) => {
      const dataset = await newDataset(t, auth);
      return {
        create: { name: `Orders ${uid()}`, vizType: 'echarts_timeseries_line', datasetId: dataset.id, params: { metrics: ['count'], time_range: 'Last week' }, description: 'Daily orders', cacheTimeout: 300 },
        patch: { name: 'Orders (renamed)' },
        put: { name: 'Orders (replaced)', vizType: 'table', datasetId: dataset.id },
      };
    },
    patchField: 'name',
    clearedByPut: { field: 'cacheTimeout', value: null },
    wrongType: { field: 'cacheTimeout', value: 'soon' },
    requiredField: 'name',
    longString: { field: 'name', maxLength: 500 },
  },
  datasets: {
    resource: 'datasets',
    kind: 'dataset',
    prepare: async () => ({
      create: datasetBody(),
      patch: { description: 'Orders, one row each (edited)' },
      put: { tableName: `orders_v2_${uid()}`, columns: [{ columnName: 'order_id', type: 'BIGINT' }] },
    }),
    patchField: 'description',
    clearedByPut: { field: 'schema', value: null },
    wrongType: { field: 'schema', value: 42 },
    requiredField: 'tableName',
    longString: { field: 'tableName', maxLength: 255 },
  },
};
// Any other kind served (the test-only ones, a new kind without references) gets a fixture read off its definition.
for (const definition of SERVED_KINDS.definitions) fixtures[definition.resource] ??= derivedFixture(definition);

export const allFixtures: KindFixture[] = Object.values(fixtures);

/** Audit and cached fields: everything of an entity view that is not versioned state. */
export const NON_VERSIONED = ['version', 'versionId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'queryContext'];

export function versionedState(entity: Entity): Body {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => !NON_VERSIONED.includes(key)));
}

/** Rows in `revision_events`, all streams or one. */
export async function countEvents(t: TestApp, streamId?: string): Promise<number> {
  const [row] = streamId
    ? await t.db.query<{ n: number }>('select count(*)::int as n from revision_events where stream_id = $1', [streamId])
    : await t.db.query<{ n: number }>('select count(*)::int as n from revision_events');
  return row.n;
}
