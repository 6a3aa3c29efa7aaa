import { describe, expect, it } from 'vitest';
import { createEntity, fixtures, useTenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const tenant = useTenant(t);

describe('health', () => {
  it('GET /health needs no token → 200 with the database up', async () => {
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});

describe('OpenAPI document', () => {
  it('GET /docs-json needs no token and documents every resource, the bearer scheme and If-Match on PATCH', async () => {
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toMatch(/^3\./);
    for (const resource of ['dashboards', 'charts', 'datasets']) {
      expect(document.paths).toHaveProperty([`/api/v1/${resource}`]);
      expect(Object.keys(document.paths[`/api/v1/${resource}`]).sort()).toEqual(['get', 'post']);
      expect(Object.keys(document.paths[`/api/v1/${resource}/{id}`]).sort()).toEqual(['delete', 'get', 'patch', 'put']);
      expect(document.paths).toHaveProperty([`/api/v1/${resource}/{id}/versions/{versionId}`]);
    }
    const patchParameters = document.paths['/api/v1/dashboards/{id}'].patch.parameters as { name: string; in: string }[];
    expect(patchParameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header' }));
    expect(document.paths['/api/v1/dashboards'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'limit', in: 'query' }), expect.objectContaining({ name: 'cursor', in: 'query' })]),
    );
    expect(Object.values(document.components.securitySchemes)).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('GET /docs serves the UI without a token', async () => {
    const response = await t.http.get('/docs').redirects(1);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/v1/widgets'],
    ['POST', '/api/v1/widgets'],
    ['GET', '/api/v2/dashboards'],
    ['DELETE', '/api/v1/dashboards'],
  ])('%s %s → 404 JSON, with or without a token', async (method, path) => {
    for (const auth of [undefined, tenant.admin.auth]) {
      const request = t.http[method.toLowerCase() as 'get' | 'post' | 'delete'](path);
      const response = await (auth ? request.set('Authorization', auth) : request);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });
});

describe('request ids', () => {
  it('every response carries X-Request-Id, whatever its status', async () => {
    const entity = await createEntity(t, tenant.owner.auth, 'datasets', (await fixtures.datasets.prepare(t, tenant.owner.auth)).create);
    const auth = tenant.owner.auth;
    const answers = {
      health: await t.http.get('/health'),
      docs: await t.http.get('/docs-json'),
      created: await t.http.post('/api/v1/datasets').set('Authorization', auth).send({ tableName: 'events' }),
      ok: await t.http.get(`/api/v1/datasets/${entity.id}`).set('Authorization', auth),
      notModified: await t.http.get(`/api/v1/datasets/${entity.id}`).set('Authorization', auth).set('If-None-Match', `"${entity.versionId}"`),
      noContent: await t.http.delete(`/api/v1/datasets/${entity.id}`).set('Authorization', auth),
      badRequest: await t.http.post('/api/v1/datasets').set('Authorization', auth).send({ nope: true }),
      unauthorized: await t.http.get('/api/v1/datasets'),
      forbidden: await t.http.post('/api/v1/datasets').set('Authorization', tenant.viewer.auth).send({ tableName: 'events' }),
      notFound: await t.http.get('/nowhere'),
      tooLarge: await t.http.post('/api/v1/datasets').set('Authorization', auth).set('Content-Type', 'application/json').send(JSON.stringify({ sql: 'x'.repeat(1_100_000) })),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([name, response]) => [name, response.status]));
    expect(statuses).toEqual({ health: 200, docs: 200, created: 201, ok: 200, notModified: 304, noContent: 204, badRequest: 400, unauthorized: 401, forbidden: 403, notFound: 404, tooLarge: 413 });
    const ids = Object.values(answers).map((response) => response.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[\w.:-]{1,100}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const response of Object.values(answers)) expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('a sane incoming X-Request-Id is kept; an unsafe one is replaced', async () => {
    const kept = await t.http.get('/health').set('X-Request-Id', 'trace-abc.123:4');
    expect(kept.headers['x-request-id']).toBe('trace-abc.123:4');
    const replaced = await t.http.get('/health').set('X-Request-Id', 'evil value\twith spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
