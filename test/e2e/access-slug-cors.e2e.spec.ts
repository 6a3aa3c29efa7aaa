import { describe, expect, it } from 'vitest';
import { loadConfig } from '#config/app-config.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { UniqueValueTakenError } from '#revisions/errors.js';
import { newDashboard, newTenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

describe('guest and integration roles', () => {
  const t = useTestApp();

  it('a guest reads current entities and nothing of their history; writes are refused', async () => {
    const tenant = newTenant(t);
    const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
    const guest = t.auth('embed', tenant.org, 'guest');
    const get = (path: string) => t.http.get(`/api/v1/${path}`).set('Authorization', guest);
    expect((await get(`dashboards/${dashboard.id}`).expect(200)).body.id).toBe(dashboard.id);
    expect((await get('dashboards').expect(200)).body.items.map((item: { id: string }) => item.id)).toContain(dashboard.id);
    for (const path of [`dashboards/${dashboard.id}/versions`, `dashboards/${dashboard.id}/versions/${dashboard.versionId}`, `dashboards/${dashboard.id}/diff?from=${dashboard.versionId}`,
      `dashboards/${dashboard.id}?at=2030-01-01`, 'changes', 'trash']) {
      const response = await get(path).expect(403);
      expect(response.body.message).toMatch(/history needs the viewer, editor or admin role/);
    }
    await t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', guest).send({ title: 'no' }).expect(403);
    await t.http.post('/api/v1/dashboards').set('Authorization', guest).send({ title: 'no' }).expect(403);
    await t.http.put(`/api/v1/dashboards/${dashboard.id}/versions/${dashboard.versionId}/pin`).set('Authorization', guest).send({ label: 'no' }).expect(403);
    await get(`dashboards/${dashboard.id}`).set('Authorization', t.auth('embed', 'other-org', 'guest')).expect(404);
  });

  it('an integration reads the event feed and no entity or history', async () => {
    const tenant = newTenant(t);
    const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
    const integration = t.auth('sync', tenant.org, 'integration');
    await t.http.get('/api/v1/events').set('Authorization', integration).expect(200);
    for (const path of [`dashboards/${dashboard.id}`, 'dashboards', `dashboards/${dashboard.id}/versions`, 'changes', 'trash']) {
      await t.http.get(`/api/v1/${path}`).set('Authorization', integration).expect(403);
    }
  });
});

describe('dashboard slugs are unique among the org’s live dashboards', () => {
  const t = useTestApp();
  const post = (auth: string, body: object) => t.http.post('/api/v1/dashboards').set('Authorization', auth).send(body);

  it('a clash on create, save or restore is a 409 naming the slug; deleting frees it; other orgs are separate', async () => {
    const tenant = newTenant(t);
    const first = (await post(tenant.owner.auth, { title: 'A', slug: 'sales' }).expect(201)).body;
    const clash = await post(tenant.owner.auth, { title: 'B', slug: 'sales' }).expect(409);
    expect(clash.body).toMatchObject({ statusCode: 409, message: 'another live dashboard of this organization already has slug "sales"' });
    await post(newTenant(t).owner.auth, { title: 'B', slug: 'sales' }).expect(201);

    const second = (await post(tenant.owner.auth, { title: 'B', slug: 'sales-2' }).expect(201)).body;
    const patched = await t.http.patch(`/api/v1/dashboards/${second.id}`).set('Authorization', tenant.owner.auth).send({ slug: 'sales' }).expect(409);
    expect(patched.body.message).toContain('"sales"');
    await t.http.patch(`/api/v1/dashboards/${first.id}`).set('Authorization', tenant.owner.auth).send({ title: 'A (renamed)' }).expect(200); // keeping its own slug is fine

    await t.http.delete(`/api/v1/dashboards/${first.id}`).set('Authorization', tenant.owner.auth).expect(204);
    await t.http.patch(`/api/v1/dashboards/${second.id}`).set('Authorization', tenant.owner.auth).send({ slug: 'sales' }).expect(200);
    const restore = await t.http.post(`/api/v1/dashboards/${first.id}/versions/${first.versionId}/restore`).set('Authorization', tenant.owner.auth).expect(409);
    expect(restore.body.message).toContain('"sales"');
    const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from revision_events where stream_id = $1', [first.id]);
    expect(n).toBe(3); // create, rename, delete: the refused restore wrote nothing
  });

  it('concurrent creates with one slug: one 201, the others 409, never a 500', async () => {
    const tenant = newTenant(t);
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => post(tenant.owner.auth, { title: `Race ${i}`, slug: 'race' }).then((r) => r.status)));
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
  });

  it('the command bus refuses the clash too', async () => {
    const tenant = newTenant(t);
    const context = { actor: { id: 'importer', org: tenant.org, roles: ['admin' as const] } };
    await t.commands.execute(new CreateEntityCommand('dashboard', { title: 'One', slug: 'bus' }, context));
    await expect(t.commands.execute(new CreateEntityCommand('dashboard', { title: 'Two', slug: 'bus' }, context))).rejects.toBeInstanceOf(UniqueValueTakenError);
  });
});

describe('CORS', () => {
  const t = useTestApp({ CORS_ORIGINS: 'https://bi.example.com, http://localhost:5173' });
  const plain = useTestApp();

  it('allows the configured origins, exposes ETag, and lets If-Match through a preflight', async () => {
    const tenant = newTenant(t);
    const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
    const preflight = await t.http.options(`/api/v1/dashboards/${dashboard.id}`).set('Origin', 'https://bi.example.com')
      .set('Access-Control-Request-Method', 'PATCH').set('Access-Control-Request-Headers', 'authorization,content-type,if-match').expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://bi.example.com');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/If-Match/i);
    const get = await t.http.get(`/api/v1/dashboards/${dashboard.id}`).set('Origin', 'http://localhost:5173').set('Authorization', tenant.owner.auth).expect(200);
    expect(get.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(get.headers['access-control-expose-headers']).toMatch(/ETag/);
    const other = await t.http.get(`/api/v1/dashboards/${dashboard.id}`).set('Origin', 'https://evil.example').set('Authorization', tenant.owner.auth).expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers when CORS_ORIGINS is unset', async () => {
    const response = await plain.http.get('/health').set('Origin', 'https://bi.example.com');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a malformed CORS_ORIGINS at start-up', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'bi.example.com' })).toThrow(/CORS_ORIGINS must be comma-separated origins/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example,https://b.example:8443' }).corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
  });
});
