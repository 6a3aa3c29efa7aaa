import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFixtures, countEvents, createEntity, newTenant, versionedState, type Entity, type KindBodies, type Tenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

const etagOf = (entity: { versionId: string }) => `"${entity.versionId}"`;

describe.each(allFixtures)('$resource: REST contract', (fx) => {
  const base = `/api/v1/${fx.resource}`;
  let tenant: Tenant;
  let bodies: KindBodies;
  beforeAll(async () => {
    tenant = newTenant(t);
    bodies = await fx.prepare(t, tenant.owner.auth);
  });

  const create = () => createEntity(t, tenant.owner.auth, fx.resource, bodies.create);
  const get = (path: string) => t.http.get(`${base}${path}`).set('Authorization', tenant.owner.auth);
  const patch = (id: string, body: object) => t.http.patch(`${base}/${id}`).set('Authorization', tenant.owner.auth).send(body);
  const versions = async (id: string) => (await get(`/${id}/versions?limit=100`).expect(200)).body.items as Entity[];

  it('POST creates version 1 → 201 with Location and ETag, owned by the creator', async () => {
    const response = await t.http.post(base).set('Authorization', tenant.owner.auth).send(bodies.create);
    expect(response.status).toBe(201);
    const entity = response.body as Entity;
    expect(entity.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.location).toBe(`${base}/${entity.id}`);
    expect(response.headers.etag).toBe(etagOf(entity));
    expect(entity).toMatchObject({ ...bodies.create, version: 1, createdBy: tenant.owner.id, updatedBy: tenant.owner.id, owners: [tenant.owner.id] });
  });

  it('GET → 200 with the ETag; If-None-Match with it → 304 without a body; a stale tag → 200', async () => {
    const created = await create();
    const response = await get(`/${created.id}`).expect(200);
    expect(response.headers.etag).toBe(etagOf(created));
    expect(response.body).toEqual(created);

    const notModified = await get(`/${created.id}`).set('If-None-Match', etagOf(created));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(etagOf(created));
    expect(notModified.text ?? '').toBe('');

    await patch(created.id, bodies.patch).expect(200);
    const modified = await get(`/${created.id}`).set('If-None-Match', etagOf(created));
    expect(modified.status).toBe(200);
    expect(modified.body.version).toBe(2);
  });

  it('lists live entities of the caller org only, newest first, with cursor pagination', async () => {
    const org = newTenant(t);
    const stranger = newTenant(t);
    const own = await fx.prepare(t, org.owner.auth);
    const foreign = await createEntity(t, stranger.owner.auth, fx.resource, (await fx.prepare(t, stranger.owner.auth)).create);
    const made: Entity[] = [];
    for (let i = 0; i < 4; i++) made.push(await createEntity(t, org.owner.auth, fx.resource, own.create));
    await t.http.delete(`${base}/${made[2].id}`).set('Authorization', org.owner.auth).expect(204);
    const live = [made[3], made[1], made[0]].map((entity) => entity.id); // newest first

    const first = await t.http.get(`${base}?limit=2`).set('Authorization', org.viewer.auth).expect(200);
    expect(first.body.items.map((item: Entity) => item.id)).toEqual(live.slice(0, 2));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(`${base}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`).set('Authorization', org.viewer.auth).expect(200);
    expect(second.body.items.map((item: Entity) => item.id)).toEqual(live.slice(2));
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0]).toEqual((await t.http.get(`${base}/${made[0].id}`).set('Authorization', org.viewer.auth)).body);

    const all = await t.http.get(`${base}?limit=3`).set('Authorization', org.viewer.auth).expect(200);
    expect(all.body.items.map((item: Entity) => item.id)).toEqual(live);
    expect(all.body.nextCursor).toBeNull(); // a full last page says so
    expect(all.body.items.map((item: Entity) => item.id)).not.toContain(foreign.id);
  });

  it('PATCH changes only the given field → 200, version + 1, new ETag', async () => {
    const created = await create();
    const response = await patch(created.id, bodies.patch).expect(200);
    const updated = response.body as Entity;
    expect(updated.version).toBe(2);
    expect(updated.versionId).not.toBe(created.versionId);
    expect(response.headers.etag).toBe(etagOf(updated));
    expect(versionedState(updated)).toEqual({ ...versionedState(created), ...bodies.patch });
    expect(updated).toMatchObject({ createdAt: created.createdAt, createdBy: created.createdBy, updatedBy: tenant.owner.id });
    expect((await get(`/${created.id}`)).body).toEqual(updated);

    const [latest] = await versions(created.id);
    expect(latest).toMatchObject({ version: 2, operation: 'update', actor: { id: tenant.owner.id } });
    expect(latest.changes).toEqual([expect.objectContaining({ op: 'change', path: [fx.patchField], from: created[fx.patchField], to: bodies.patch[fx.patchField] })]);
  });

  it('a PATCH that changes nothing → 200 with the same version and ETag, and appends no event', async () => {
    const created = await create();
    const eventsBefore = await countEvents(t, created.id);
    const same = { [fx.patchField]: created[fx.patchField], [fx.requiredField]: created[fx.requiredField] };
    const response = await patch(created.id, same).expect(200);
    expect(response.body.version).toBe(1);
    expect(response.headers.etag).toBe(etagOf(created));
    await patch(created.id, {}).expect(200);
    expect(await versions(created.id)).toHaveLength(1);
    expect(await countEvents(t, created.id)).toBe(eventsBefore);
  });

  it('PUT replaces the versioned state: absent optional fields fall back to null/defaults → 200', async () => {
    const created = await create();
    expect(created[fx.clearedByPut.field]).not.toEqual(fx.clearedByPut.value);
    const response = await t.http.put(`${base}/${created.id}`).set('Authorization', tenant.owner.auth).send(bodies.put);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ...bodies.put, version: 2, owners: [tenant.owner.id] });
    expect(response.body[fx.clearedByPut.field]).toEqual(fx.clearedByPut.value);
    expect(response.headers.etag).toBe(etagOf(response.body));
    expect((await get(`/${created.id}`)).body).toEqual(response.body);
  });

  it('DELETE → 204; then GET/PATCH/PUT/DELETE → 404 but the history stays readable with a delete version', async () => {
    const created = await create();
    const deleted = await t.http.delete(`${base}/${created.id}`).set('Authorization', tenant.owner.auth);
    expect(deleted.status).toBe(204);
    expect(deleted.text ?? '').toBe('');

    expect((await get(`/${created.id}`)).status).toBe(404);
    expect((await patch(created.id, bodies.patch)).status).toBe(404);
    expect((await t.http.put(`${base}/${created.id}`).set('Authorization', tenant.owner.auth).send(bodies.put)).status).toBe(404);
    expect((await t.http.delete(`${base}/${created.id}`).set('Authorization', tenant.owner.auth)).status).toBe(404);

    const history = await versions(created.id);
    expect(history.map((item) => [item.version, item.operation])).toEqual([[2, 'delete'], [1, 'create']]);
    expect(history[0].actor).toEqual({ id: tenant.owner.id });
    expect((await get(`/${created.id}/versions/${created.versionId}`)).status).toBe(200);
  });

  it('/versions lists newest first with operation, actor and changes, paged by cursor', async () => {
    const created = await create();
    await patch(created.id, { [fx.patchField]: 'second' }).expect(200);
    await patch(created.id, { [fx.patchField]: 'third' }).set('Authorization', tenant.admin.auth).expect(200);

    const first = await get(`/${created.id}/versions?limit=2`).expect(200);
    expect(first.body.items.map((item: Entity) => item.version)).toEqual([3, 2]);
    expect(first.body.items[0]).toMatchObject({ operation: 'update', actor: { id: tenant.admin.id } });
    expect(first.body.items[1]).toMatchObject({ operation: 'update', actor: { id: tenant.owner.id } });
    for (const item of first.body.items) {
      expect(item).toEqual(expect.objectContaining({ versionId: expect.any(String), createdAt: expect.any(String), changes: expect.any(Array) }));
      expect(item.changes).toContainEqual(expect.objectContaining({ op: 'change', path: [fx.patchField] }));
    }
    const second = await get(`/${created.id}/versions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`).expect(200);
    expect(second.body.items).toEqual([expect.objectContaining({ version: 1, versionId: created.versionId, operation: 'create', actor: { id: tenant.owner.id }, changes: expect.any(Array) })]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('GET /versions/{versionId} → the state as it was at that version, with its ETag', async () => {
    const created = await create();
    const updated = (await patch(created.id, bodies.patch).expect(200)).body as Entity;

    const v1 = await get(`/${created.id}/versions/${created.versionId}`).expect(200);
    expect(v1.headers.etag).toBe(etagOf(created));
    expect(Object.keys(v1.body).sort()).toEqual(['actor', 'changes', 'createdAt', 'message', 'operation', 'pin', 'state', 'version', 'versionId']);
    expect(v1.body).toMatchObject({ versionId: created.versionId, version: 1, operation: 'create', createdAt: created.createdAt, actor: { id: tenant.owner.id }, changes: [], message: null, pin: null });
    expect(v1.body.state).toEqual(versionedState(created));

    const v2 = await get(`/${created.id}/versions/${updated.versionId}`).expect(200);
    expect(v2.body).toMatchObject({ version: 2, operation: 'update', createdAt: updated.updatedAt });
    const [item] = (await get(`/${created.id}/versions?limit=1`).expect(200)).body.items;
    expect(v2.body).toEqual({ ...item, state: v2.body.state }); // the version view is the list item plus the state
    expect(v2.body.state).toEqual(versionedState(updated));
  });

  it('unknown or malformed ids → 404, never 500', async () => {
    const created = await create();
    const missing = randomUUID();
    const other = await createEntity(t, tenant.owner.auth, fx.resource, bodies.create);
    for (const path of [
      `/${missing}`,
      `/${missing}/versions`,
      `/not-a-uuid`,
      `/not-a-uuid/versions`,
      `/${created.id}/versions/${randomUUID()}`,
      `/${created.id}/versions/not-a-uuid`,
      `/${created.id}/versions/${other.versionId}`, // a version id of another entity
    ]) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    expect((await patch('not-a-uuid', bodies.patch)).status).toBe(404);
    expect((await t.http.delete(`${base}/not-a-uuid`).set('Authorization', tenant.owner.auth)).status).toBe(404);
    expect((await patch(missing, bodies.patch)).status).toBe(404);
  });
});
