import { describe, expect, it } from 'vitest';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { useTestApp } from '../support/test-app.js';
import { countEvents, createEntity, fixtures, useTenant, uid, type Body, type Entity, type KindFixture, type Resource } from '../support/entity-fixtures.js';

/**
 * Idempotency-Key on every write (issue 6): a repeat with the same key and request returns the first
 * answer and appends nothing; another request under the key → 422; scope is one user; 24 h.
 */

const t = useTestApp();
const tenant = useTenant(t);

type Method = 'post' | 'patch' | 'put' | 'delete';
const write = (method: Method, url: string, key: string | undefined, auth = tenant.owner.auth) => {
  const request = t.http[method](url).set('Authorization', auth);
  return key === undefined ? request : request.set('Idempotency-Key', key);
};
const rows = async (resource: Resource) => (await t.db.query<{ n: number }>(`select count(*)::int as n from ${resource}`))[0].n;
const replayed = (response: { headers: Record<string, string> }) => response.headers['idempotent-replayed'] === 'true';
const backdate = (key: string, hours: number) => t.db.query(`update idempotency_keys set created_at = now() - make_interval(hours => ${hours}) where key = $1`, [key]);

describe.each(Object.values(fixtures).map((f) => [f.resource, f] as const))('Idempotency-Key on %s', (resource, f: KindFixture) => {
  const base = `/api/v1/${resource}`;

  it('POST twice with one key → one entity and one event; the repeat replays status, body, ETag and Location', async () => {
    const { create } = await f.prepare(t, tenant.owner.auth);
    const [events, entities] = [await countEvents(t), await rows(resource)];
    const key = `create-${uid()}`;
    const first = await write('post', base, key).send(create).expect(201);
    // The same request with its JSON keys in another order.
    const again = await write('post', base, key).send(Object.fromEntries(Object.entries(create).reverse())).expect(201);
    expect(replayed(first)).toBe(false);
    expect(replayed(again)).toBe(true);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.location).toBe(`${base}/${first.body.id}`);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await countEvents(t)).toBe(events + 1);
    expect(await rows(resource)).toBe(entities + 1);
  });

  it('PATCH, PUT, restore and DELETE repeated with their keys append once each', async () => {
    const bodies = await f.prepare(t, tenant.owner.auth);
    const entity = await createEntity(t, tenant.owner.auth, resource, bodies.create);
    const url = `${base}/${entity.id}`;
    const twice = async (method: Method, path: string, body: Body | undefined, status: number, version: number) => {
      const key = `${method}-${uid()}`;
      const send = () => (body ? write(method, path, key).send(body) : write(method, path, key));
      const first = await send().expect(status);
      const again = await send().expect(status);
      expect([replayed(first), replayed(again)]).toEqual([false, true]);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(await countEvents(t, entity.id)).toBe(version);
      return first.body as Entity;
    };
    expect(await twice('patch', url, bodies.patch, 200, 2)).toMatchObject({ version: 2, ...bodies.patch });
    expect(await twice('put', url, bodies.put, 200, 3)).toMatchObject({ version: 3, [f.clearedByPut.field]: f.clearedByPut.value });
    expect(await twice('post', `${url}/versions/${entity.versionId}/restore`, undefined, 200, 4)).toMatchObject({ version: 4 });
    await twice('delete', url, undefined, 204, 5);
    await t.http.get(url).set('Authorization', tenant.owner.auth).expect(404);
  });

  it('the same key with a different request → 422 and nothing written', async () => {
    const { create } = await f.prepare(t, tenant.owner.auth);
    const key = `reuse-${uid()}`;
    const entity = (await write('post', base, key).send(create).expect(201)).body as Entity;
    const [events, entities] = [await countEvents(t), await rows(resource)];
    const other = await write('post', base, key).send({ ...create, description: 'Another request' }).expect(422);
    expect(other.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    await write('patch', `${base}/${entity.id}`, key).send({ [f.patchField]: 'Not the first request' }).expect(422);
    expect([await countEvents(t), await rows(resource)]).toEqual([events, entities]);
    expect((await t.http.get(`${base}/${entity.id}`).set('Authorization', tenant.owner.auth).expect(200)).body).toEqual(entity);
  });

  it('a failed request does not burn its key: the corrected request runs with it', async () => {
    const { create } = await f.prepare(t, tenant.owner.auth);
    const key = `fix-${uid()}`;
    const events = await countEvents(t);
    await write('post', base, key).send({ ...create, [f.wrongType.field]: f.wrongType.value }).expect(400);
    await write('post', base, key).send({ ...create, [f.wrongType.field]: f.wrongType.value }).expect(400);
    expect(await countEvents(t)).toBe(events);
    const fixed = await write('post', base, key).send(create).expect(201);
    expect(replayed(fixed)).toBe(false);
    const again = await write('post', base, key).send(create).expect(201);
    expect([replayed(again), again.body.id]).toEqual([true, fixed.body.id]);
    expect(await countEvents(t)).toBe(events + 1);
  });
});

describe('Idempotency-Key scope, format and lifetime', () => {
  const base = '/api/v1/dashboards';
  const body = () => ({ title: `Keyed ${uid()}`, description: 'First' });

  it('is per user: another user (same org or another) with the same key runs independently', async () => {
    const [key, payload] = [`shared-${uid()}`, body()];
    const outsider = t.auth(`ola-${uid()}`, `org-${uid()}`, 'editor');
    const mine = await write('post', base, key).send(payload).expect(201);
    const theirs = await write('post', base, key, tenant.editor.auth).send(payload).expect(201);
    const foreign = await write('post', base, key, outsider).send(payload).expect(201);
    expect([replayed(theirs), replayed(foreign)]).toEqual([false, false]);
    expect(new Set([mine.body.id, theirs.body.id, foreign.body.id]).size).toBe(3);
    expect(theirs.body.createdBy).toBe(tenant.editor.id);
    // A different body under the key is fine for another user, a 422 for the first one.
    await write('post', base, key, tenant.admin.auth).send(body()).expect(201);
    await write('post', base, key).send(body()).expect(422);
  });

  it('a malformed key → 400, nothing written', async () => {
    const events = await countEvents(t);
    for (const key of ['has space', 'a/b', 'k'.repeat(256), '']) {
      const response = await write('post', base, key).send(body()).expect(400);
      expect(response.body.message).toMatch(/Idempotency-Key/);
    }
    expect(await countEvents(t)).toBe(events);
    await write('post', base, 'k'.repeat(255)).send(body()).expect(201);
  });

  it('parallel duplicates: one runs, the other replays or gets 409 while it is in flight', async () => {
    const [key, payload] = [`race-${uid()}`, body()];
    const events = await countEvents(t);
    const responses = await Promise.all([1, 2, 3].map(() => write('post', base, key).send(payload)));
    const fresh = responses.filter((r) => r.status === 201 && !replayed(r));
    expect(fresh).toHaveLength(1);
    for (const other of responses.filter((r) => r !== fresh[0])) {
      if (other.status === 409) expect(other.body.message).toMatch(/still running/);
      else expect([other.status, replayed(other), other.body]).toEqual([201, true, fresh[0].body]);
    }
    expect(await countEvents(t)).toBe(events + 1);
  });

  it('a merged stale PATCH replays with X-Rewind-Merged and its ETag', async () => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', body());
    const url = `${base}/${dashboard.id}`;
    await write('patch', url, undefined).send({ title: 'Someone else' }).expect(200);
    const key = `merge-${uid()}`;
    const send = () => write('patch', url, key).set('If-Match', `"${dashboard.versionId}"`).send({ description: 'Mine' });
    const [first, again] = [await send().expect(200), await send().expect(200)];
    expect([first.headers['x-rewind-merged'], again.headers['x-rewind-merged'], replayed(again)]).toEqual(['true', 'true', true]);
    expect([again.headers.etag, again.body]).toEqual([first.headers.etag, first.body]);
    expect(await countEvents(t, dashboard.id)).toBe(3);
  });

  it('a key still replays after 23 h', async () => {
    const [key, payload] = [`day-${uid()}`, body()];
    const first = await write('post', base, key).send(payload).expect(201);
    await backdate(key, 23);
    const again = await write('post', base, key).send(payload).expect(201);
    expect([replayed(again), again.body.id]).toEqual([true, first.body.id]);
  });

  it('after 24 h the stored answer is gone but the write is not: the same request answers from it and appends nothing', async () => {
    const [key, payload] = [`old-${uid()}`, body()];
    const first = await write('post', base, key).send(payload).expect(201);
    await backdate(key, 25);
    const events = await countEvents(t);
    const again = await write('post', base, key).send(payload).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await countEvents(t)).toBe(events);
  });

  it('after 24 h another request under the key is still a 422: the key names its write for good (issue 11)', async () => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', body());
    const url = `${base}/${dashboard.id}`;
    const key = `patch-${uid()}`;
    await write('patch', url, key).send({ description: 'Monday' }).expect(200);
    await backdate(key, 25);
    await write('patch', url, key).send({ description: 'Two days later' }).expect(422);
    expect(await countEvents(t, dashboard.id)).toBe(2);
  });
});

describe('command ids on the command bus', () => {
  const actor = () => ({ id: tenant.owner.id, org: tenant.org, roles: ['editor' as const] });

  it('the same commandId twice on SaveEntityCommand appends once and answers what the first run answered', async () => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Bus' });
    const context = { actor: actor(), commandId: `import-${uid()}` };
    const save = () => t.commands.execute(new SaveEntityCommand('dashboard', dashboard.id, { description: 'Imported' }, 'partial', context));
    const first = await save();
    await t.commands.execute(new SaveEntityCommand('dashboard', dashboard.id, { description: 'Edited later' }, 'partial', { actor: actor() }));
    const again = await save();
    expect(first).toMatchObject({ changed: true, entity: { version: 2, description: 'Imported' } });
    expect(again).toEqual({ ...first, changed: false });
    expect(await countEvents(t, dashboard.id)).toBe(3);
  });

  it('the same commandId twice on CreateEntityCommand creates one entity', async () => {
    const context = { actor: actor(), commandId: `import-${uid()}` };
    const events = await countEvents(t);
    const create = () => t.commands.execute(new CreateEntityCommand('chart', { name: 'Imported chart', vizType: 'table' }, context));
    const [first, again] = [await create(), await create()];
    expect(again).toEqual(first);
    expect(await countEvents(t)).toBe(events + 1);
  });
});
