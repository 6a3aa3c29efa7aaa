import { describe, expect, it } from 'vitest';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { createEntity, newTenant, useTenant, type Tenant } from '../support/entity-fixtures.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

const t = useTestApp();
const tenant = useTenant(t);

async function feed(app: TestApp, auth: string, after = 0, limit = 100) {
  return (await app.http.get(`/api/v1/events?after=${after}&limit=${limit}`).set('Authorization', auth).expect(200)).body as {
    items: { position: number; entityKind: string; entityId: string; version: number; operation: string }[];
    nextAfter: number;
  };
}

const integrationOf = (app: TestApp, of: Tenant) => app.auth('indexer', of.org, 'integration');

describe('GET /api/v1/events', () => {
  it('lists the org\'s revisions with their change records, and resumes from nextAfter', async () => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Sales' });
    await t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).set('Revision-Message', 'new year').send({ title: 'Sales 2026' }).expect(200);
    await t.http.delete(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).expect(204);

    const page = await feed(t, integrationOf(t, tenant));
    expect(page.items).toHaveLength(3);
    const [created, updated, deleted] = page.items;
    expect(created).toMatchObject({ entityKind: 'dashboard', entityId: dashboard.id, version: 1, versionId: dashboard.versionId, operation: 'create', message: null, changes: [] });
    expect(updated).toEqual({
      position: expect.any(Number),
      entityKind: 'dashboard',
      entityId: dashboard.id,
      version: 2,
      versionId: versionIdOf(dashboard.id, 2),
      operation: 'update',
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      actor: { id: tenant.owner.id },
      message: 'new year',
      changes: [{ kind: 'field', op: 'change', path: ['title'], from: 'Sales', to: 'Sales 2026' }],
    });
    expect(deleted).toMatchObject({ version: 3, operation: 'delete' });
    expect(page.nextAfter).toBe(deleted.position);

    const first = await feed(t, tenant.admin.auth, 0, 1);
    expect(first.items.map((item) => item.version)).toEqual([1]);
    const rest = await feed(t, tenant.admin.auth, first.nextAfter, 10);
    expect(rest.items.map((item) => item.version)).toEqual([2, 3]);
    const caughtUp = await feed(t, tenant.admin.auth, rest.nextAfter);
    expect(caughtUp).toEqual({ items: [], nextAfter: rest.nextAfter });
  });

  it('shows only the caller\'s org, even given a position of another org', async () => {
    const other = newTenant(t);
    const theirs = await createEntity(t, other.owner.auth, 'datasets', { tableName: 'secret_table' });
    const [theirEvent] = (await feed(t, integrationOf(t, other))).items;
    expect(theirEvent.entityId).toBe(theirs.id);
    const mine = await feed(t, integrationOf(t, tenant));
    expect(mine.items.map((item) => item.entityId)).not.toContain(theirs.id);
    const fromTheirs = await feed(t, integrationOf(t, tenant), theirEvent.position);
    expect(fromTheirs.items.map((item) => item.entityId)).not.toContain(theirs.id);
  });

  it('is for admins and integrations; an integration token reads nothing else', async () => {
    const integration = integrationOf(t, tenant);
    await t.http.get('/api/v1/events').expect(401);
    for (const auth of [tenant.viewer.auth, tenant.editor.auth]) await t.http.get('/api/v1/events').set('Authorization', auth).expect(403);
    await t.http.get('/api/v1/events').set('Authorization', integration).expect(200);
    await t.http.get('/api/v1/dashboards').set('Authorization', integration).expect(403);
    await t.http.get('/api/v1/changes').set('Authorization', integration).expect(403);
    await t.http.post('/api/v1/dashboards').set('Authorization', integration).send({ title: 'x' }).expect(403);
  });

  it.each(['-1', '1.5', 'abc', '99999999999999999999', ''])('after=%j is a 400', async (after) => {
    const response = await t.http.get(`/api/v1/events?after=${after}`).set('Authorization', tenant.admin.auth).expect(400);
    expect(response.body.message).toEqual(expect.arrayContaining([expect.stringContaining('after')]));
  });

  it.each(['0', '1001', 'x', '2.5'])('limit=%j is a 400', async (limit) => {
    await t.http.get(`/api/v1/events?limit=${limit}`).set('Authorization', tenant.admin.auth).expect(400);
  });
});
