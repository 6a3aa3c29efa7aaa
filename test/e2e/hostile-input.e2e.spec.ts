import jwt from 'jsonwebtoken';
import type { Test } from 'supertest';
import { describe, expect, it } from 'vitest';
import { countEvents, createEntity, datasetBody, newChart, newDataset, useTenant } from '#test/support/entity-fixtures.js';
import { TEST_JWT_SECRET, useTestApp } from '#test/support/test-app.js';

/**
 * The inputs of issue 11's attack that answered 500 (or were silently accepted): each is now a
 * 4xx that writes nothing.
 */
const t = useTestApp();
const tenant = useTenant(t);

async function refused(request: Test, status = 400) {
  const before = await countEvents(t);
  const response = await request;
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status } });
  expect(await countEvents(t)).toBe(before);
  return (response.body as { message: string | string[] }).message;
}

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** `{"a":{"a":…{"a":1}}}`, `depth` levels, as JSON text (no recursive stringify in the test either). */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('JSON nested deeper than any field allows', () => {
  it.each([
    ['in a JSON field', (depth: number) => `{"name":"Deep","vizType":"table","params":${nested(depth)}}`],
    ['as an unknown key', (depth: number) => `{"name":"Deep","vizType":"table","deep":${nested(depth)}}`],
  ])('10,000 levels %s → 400, with or without an Idempotency-Key', async (_, body) => {
    const deep = body(10_000);
    const post = () => t.http.post('/api/v1/charts').set('Authorization', tenant.owner.auth).set('Content-Type', 'application/json');
    const message = await refused(post().send(deep));
    expect(JSON.stringify(message)).toMatch(/nested deeper than/);
    await refused(post().set('Idempotency-Key', `deep-${Math.random()}`).send(deep));
  });
});

describe('lists and children of the wrong type are refused before anything lays them over the state', () => {
  it.each([
    ['datasets', 'columns', 'country'],
    ['datasets', 'columns', { columnName: 'country' }],
    ['datasets', 'metrics', 'count'],
    ['datasets', 'metrics', { metricName: 'count' }],
    ['dashboards', 'chartIds', 'not-a-list'],
    ['dashboards', 'chartIds', { id: 'x' }],
  ])('%s.%s = %j → 400 on POST and PATCH', async (resource, field, value) => {
    const auth = tenant.owner.auth;
    const base = resource === 'datasets' ? datasetBody() : { title: 'Board' };
    await refused(t.http.post(`/api/v1/${resource}`).set('Authorization', auth).send({ ...base, [field]: value }));
    const entity = await createEntity(t, auth, resource as 'datasets', base);
    await refused(t.http.patch(`/api/v1/${resource}/${entity.id}`).set('Authorization', auth).send({ [field]: value }));
  });
});

describe('keys the DTO does not declare are 400 whatever their name, at the top and inside children', () => {
  const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

  it.each(INHERITED)('%s', async (key) => {
    const auth = tenant.owner.auth;
    const dataset = await newDataset(t, auth);
    const url = `/api/v1/datasets/${dataset.id}`;
    for (const body of [
      { [key]: 'x' },
      { description: 'also a real change', [key]: 1 },
      { columns: [{ columnName: 'a', [key]: 'x' }] },
      { metrics: [{ metricName: 'm', [key]: {} }] },
    ]) {
      const message = await refused(t.http.patch(url).set('Authorization', auth).send(body));
      expect(message).toContainEqual(expect.stringContaining(`property ${key} should not exist`));
    }
    await refused(t.http.post('/api/v1/datasets').set('Authorization', auth).send({ ...datasetBody(), [key]: 'x' }));
    const chart = await newChart(t, auth);
    await refused(t.http.patch(`/api/v1/charts/${chart.id}`).set('Authorization', auth).send({ name: 'Renamed', [key]: 'x' }));
  });
});

describe('query parameters', () => {
  it('a parameter given twice → 400 naming it', async () => {
    const auth = tenant.viewer.auth;
    const message = await refused(t.http.get('/api/v1/changes?since=2020-01-01&since=2021-01-01').set('Authorization', auth));
    expect(message).toContainEqual(expect.stringContaining('since'));
    await refused(t.http.get('/api/v1/dashboards?limit=1&limit=2').set('Authorization', auth));
    const chart = await newChart(t, tenant.owner.auth);
    await refused(t.http.get(`/api/v1/charts/${chart.id}/diff?from=a&from=b`).set('Authorization', auth));
    for (const query of ['at=2026-02-01&at=2026-02-02', 'before=2026-02-01&before=2026-02-02']) {
      const path = query.startsWith('at') ? `/api/v1/charts/${chart.id}?${query}` : `/api/v1/charts/${chart.id}/versions?${query}`;
      expect(await refused(t.http.get(path).set('Authorization', auth))).toContainEqual(expect.stringContaining(query.split('=')[0]));
    }
  });

  it.each(['0000-01-01', '2020-02-30', '2021-02-29T00:00:00Z', '2020-01-01T24:00:00Z', '2020-01-01T00:00:00+16:00', '10000-01-01', '2020-1-1', 'yesterday', '0001-01-01T00:00:00+01:00'])(
    'since=%s → 400',
    async (since) => {
      await refused(t.http.get(`/api/v1/changes?since=${encodeURIComponent(since)}`).set('Authorization', tenant.viewer.auth));
    },
  );

  it.each(['2020-02-29', '2020-02-29T23:59:59.999999+15:59', '0001-01-01T00:00:00Z', '9999-12-31'])('since=%s is taken', async (since) => {
    await t.http.get(`/api/v1/changes?since=${encodeURIComponent(since)}`).set('Authorization', tenant.viewer.auth).expect(200);
  });

  it('cursors out of PostgreSQL’s ranges → 400', async () => {
    const auth = tenant.viewer.auth;
    const chart = await newChart(t, tenant.owner.auth);
    for (const value of [[1.5], [-1], [2 ** 31], [1e20], ['3'], [null]]) {
      await refused(t.http.get(`/api/v1/charts/${chart.id}/versions?cursor=${cursor(value)}`).set('Authorization', auth));
    }
    for (const value of [['9999999999999999999', 0], ['9223372036854775808', 0], ['1', 2 ** 31], ['1', -1]]) {
      await refused(t.http.get(`/api/v1/changes?cursor=${cursor(value)}`).set('Authorization', auth));
    }
    const id = chart.id as string;
    for (const value of [['0000-01-01T00:00:00.000Z', id], ['2020-02-30T00:00:00.000Z', id], ['+275760-09-13T00:00:00.000Z', id], ['2020-01-01T00:00:00.000Z', 'x']]) {
      await refused(t.http.get(`/api/v1/charts?cursor=${cursor(value)}`).set('Authorization', auth));
    }
    await refused(t.http.get(`/api/v1/charts?cursor=${'A'.repeat(5000)}`).set('Authorization', auth));
  });
});

describe('token claims', () => {
  const token = (claims: Record<string, unknown>) => `Bearer ${jwt.sign({ roles: ['editor'], ...claims }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}`;

  it.each([
    ['a NUL in sub', { sub: 'ada\u0000', org: 'acme' }],
    ['a lone surrogate in sub', { sub: 'ada\ud800', org: 'acme' }],
    ['a NUL in org', { sub: 'ada', org: 'ac\u0000me' }],
    ['a lone surrogate in org', { sub: 'ada', org: '\udc00acme' }],
    ['a sub of 256 characters', { sub: 'a'.repeat(256), org: 'acme' }],
    ['an org of 10,000 characters', { sub: 'ada', org: 'o'.repeat(10_000) }],
    ['a numeric sub', { sub: 42, org: 'acme' }],
  ])('%s → 401 on reads and writes', async (_, claims) => {
    const auth = token(claims);
    await refused(t.http.get('/api/v1/dashboards').set('Authorization', auth), 401);
    await refused(t.http.post('/api/v1/dashboards').set('Authorization', auth).set('Idempotency-Key', 'k').send({ title: 'x' }), 401);
  });

  it('a sub and org of 255 storable characters, emoji included, work', async () => {
    const auth = token({ sub: `😀${'u'.repeat(253)}`, org: 'o'.repeat(255) });
    await t.http.post('/api/v1/dashboards').set('Authorization', auth).send({ title: 'Mine' }).expect(201);
  });
});
