import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allFixtures, useKindEntity, countEvents, createEntity, newTenant, type Entity } from '../support/entity-fixtures.js';
import { TEST_JWT_SECRET, useTestApp, type TestApp } from '../support/test-app.js';

const t = useTestApp();

const claims = { org: 'org-auth', roles: ['admin'] };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens the API must refuse with 401; each would be accepted but for its one defect. */
const badTokens: [string, string | undefined][] = [
  ['no token', undefined],
  ['a malformed token', 'Bearer not-a-jwt'],
  ['a non-Bearer scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
  ['a bad signature', `Bearer ${jwt.sign(claims, 'some-other-secret', { subject: 'mallory', expiresIn: '1h' })}`],
  ['alg none', `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, sub: 'mallory', exp: inAnHour() })}.`],
  ['an expired token', `Bearer ${jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 }, TEST_JWT_SECRET, { subject: 'alice' })}`],
  ['no exp claim', `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'alice' })}`],
  ['no sub claim', `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { expiresIn: '1h' })}`],
  ['no org claim', `Bearer ${jwt.sign({ roles: ['admin'] }, TEST_JWT_SECRET, { subject: 'alice', expiresIn: '1h' })}`],
  ['no roles claim', `Bearer ${jwt.sign({ org: 'org-auth' }, TEST_JWT_SECRET, { subject: 'alice', expiresIn: '1h' })}`],
  ['an unknown role', `Bearer ${jwt.sign({ org: 'org-auth', roles: ['root'] }, TEST_JWT_SECRET, { subject: 'alice', expiresIn: '1h' })}`],
];

describe.each(allFixtures)('$resource: authentication and authorization', (fx) => {
  const base = `/api/v1/${fx.resource}`;
  const { tenant, bodies, entity } = useKindEntity(t, fx);

  type Call = [string, (auth: string | undefined) => ReturnType<TestApp['http']['get']>];
  const withAuth = <R extends { set(name: string, value: string): R }>(request: R, auth: string | undefined) => (auth ? request.set('Authorization', auth) : request);
  const reads = (id: string, versionId: string): Call[] => [
    ['GET list', (auth) => withAuth(t.http.get(base), auth)],
    ['GET one', (auth) => withAuth(t.http.get(`${base}/${id}`), auth)],
    ['GET versions', (auth) => withAuth(t.http.get(`${base}/${id}/versions`), auth)],
    ['GET version', (auth) => withAuth(t.http.get(`${base}/${id}/versions/${versionId}`), auth)],
  ];
  const changes = (id: string): Call[] => [
    ['PATCH', (auth) => withAuth(t.http.patch(`${base}/${id}`), auth).send(bodies.patch)],
    ['PUT', (auth) => withAuth(t.http.put(`${base}/${id}`), auth).send(bodies.put)],
    ['DELETE', (auth) => withAuth(t.http.delete(`${base}/${id}`), auth)],
  ];
  const create: Call = ['POST', (auth) => withAuth(t.http.post(base), auth).send(bodies.create)];

  /** Runs every call and returns `name → status`, so one failure shows the whole matrix. */
  async function statuses(calls: Call[], auth: string | undefined): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const [name, call] of calls) result[name] = (await call(auth)).status;
    return result;
  }
  const all = (calls: Call[], status: number) => Object.fromEntries(calls.map(([name]) => [name, status]));

  it.each(badTokens)('%s → 401 on every endpoint, nothing written', async (_, auth) => {
    const calls = [...reads(entity.id, entity.versionId), create, ...changes(entity.id)];
    const before = await countEvents(t);
    expect(await statuses(calls, auth)).toEqual(all(calls, 401));
    expect(await countEvents(t)).toBe(before);
    const response = await t.http.get(`${base}/${entity.id}`).set(auth ? { Authorization: auth } : {});
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(JSON.stringify(response.body)).not.toContain(entity.id);
  });

  it('a viewer reads entities, lists and history, but POST/PATCH/PUT/DELETE → 403 and nothing is written', async () => {
    const readCalls = reads(entity.id, entity.versionId);
    expect(await statuses(readCalls, tenant.viewer.auth)).toEqual(all(readCalls, 200));
    const list = await t.http.get(base).set('Authorization', tenant.viewer.auth);
    expect(list.body.items.map((item: Entity) => item.id)).toContain(entity.id);

    const writeCalls = [create, ...changes(entity.id)];
    const before = await countEvents(t);
    expect(await statuses(writeCalls, tenant.viewer.auth)).toEqual(all(writeCalls, 403));
    expect(await countEvents(t)).toBe(before);
    const forbidden = await changes(entity.id)[0][1](tenant.viewer.auth);
    expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });

  it('an editor who is not an owner may create, but PATCH/PUT/DELETE of another owner’s entity → 403', async () => {
    const writeCalls = changes(entity.id);
    const before = await countEvents(t);
    expect(await statuses(writeCalls, tenant.editor.auth)).toEqual(all(writeCalls, 403));
    expect(await countEvents(t)).toBe(before);
    expect((await t.http.get(`${base}/${entity.id}`).set('Authorization', tenant.owner.auth)).body.version).toBe(entity.version);

    const own = await t.http.post(base).set('Authorization', tenant.editor.auth).send(bodies.create);
    expect(own.status).toBe(201);
    expect(own.body.owners).toEqual([tenant.editor.id]);
  });

  it('an editor added to owners may then edit', async () => {
    const mine = await createEntity(t, tenant.owner.auth, fx.resource, bodies.create);
    const coOwner = newTenant(t).editor; // an id of another org is fine as a user id; only the token's org matters
    const editorOfThisOrg = { id: coOwner.id, auth: t.auth(coOwner.id, tenant.org, 'editor') };
    await t.http.patch(`${base}/${mine.id}`).set('Authorization', tenant.owner.auth).send({ owners: [tenant.owner.id, editorOfThisOrg.id] }).expect(200);
    const response = await t.http.patch(`${base}/${mine.id}`).set('Authorization', editorOfThisOrg.auth).send(bodies.patch);
    expect(response.status).toBe(200);
    expect(response.body.updatedBy).toBe(editorOfThisOrg.id);
  });

  it('an admin of the same org may PATCH, PUT and DELETE anyone’s entity', async () => {
    const theirs = await createEntity(t, tenant.owner.auth, fx.resource, bodies.create);
    const patched = await t.http.patch(`${base}/${theirs.id}`).set('Authorization', tenant.admin.auth).send(bodies.patch);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ ...bodies.patch, version: 2, updatedBy: tenant.admin.id, owners: [tenant.owner.id] });
    const put = await t.http.put(`${base}/${theirs.id}`).set('Authorization', tenant.admin.auth).send(bodies.put);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 3, updatedBy: tenant.admin.id });
    expect((await t.http.delete(`${base}/${theirs.id}`).set('Authorization', tenant.admin.auth)).status).toBe(204);
    const history = await t.http.get(`${base}/${theirs.id}/versions`).set('Authorization', tenant.viewer.auth).expect(200);
    expect(history.body.items[0]).toMatchObject({ version: 4, operation: 'delete', actor: { id: tenant.admin.id } });
  });

  it.each(['viewer', 'editor', 'admin'] as const)('%s of another org gets 404 everywhere (no existence leak) and never sees the entity in a list', async (role) => {
    const stranger = newTenant(t)[role === 'editor' ? 'owner' : role];
    const calls = [...reads(entity.id, entity.versionId).slice(1), ...changes(entity.id)];
    const before = await countEvents(t);
    expect(await statuses(calls, stranger.auth)).toEqual(all(calls, 404));
    expect(await countEvents(t)).toBe(before);

    // The answer for another org's entity is the answer for an id that never existed.
    const missing = randomUUID();
    const foreign = await t.http.get(`${base}/${entity.id}`).set('Authorization', stranger.auth);
    const unknown = await t.http.get(`${base}/${missing}`).set('Authorization', stranger.auth);
    expect({ ...foreign.body, message: foreign.body.message.replace(entity.id, 'ID') }).toEqual({ ...unknown.body, message: unknown.body.message.replace(missing, 'ID') });

    const list = await t.http.get(`${base}?limit=100`).set('Authorization', stranger.auth).expect(200);
    expect(list.body.items.map((item: Entity) => item.id)).not.toContain(entity.id);
    expect(await t.http.get(`${base}/${entity.id}`).set('Authorization', tenant.owner.auth).then((r) => r.body.version)).toBe(entity.version);
  });
});
