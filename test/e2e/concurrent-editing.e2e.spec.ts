import { describe, expect, it } from 'vitest';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { PreconditionFailedError } from '#revisions/errors.js';
import { SERVED_KINDS, useTestApp } from '../support/test-app.js';
import { countEvents, createEntity, fixtures, useTenant, type Body, type Entity, type KindFixture, type Resource } from '../support/entity-fixtures.js';

/**
 * If-Match on every write, field-level merge of stale edits, and per-field last-writer-wins without
 * If-Match (issue 6, DESIGN.md under the REST table). Conflict units: a scalar field, one key of a
 * JSON field, one child by natural key.
 */

/** Per kind: two edits of disjoint units, two of one unit, and two keys of one JSON field. */
interface Units {
  /** From the create body: edits A and B of disjoint units, and what the entity looks like with both. */
  disjoint(create: Body): { a: Body; b: Body; both: Body };
  /** From the create body: two edits of the unit `sameUnit`. */
  same(create: Body): [Body, Body];
  sameUnit: string;
  /** Two PATCHes of different top-level fields: without If-Match a sent field is replaced whole. */
  fields: { a: Body; b: Body; both: Body };
  json: { field: string; seed: Body; a: [string, unknown]; b: [string, unknown] };
}

type Column = Body & { columnName: string };
const withColumn = (create: Body, name: string, patch: Body): Body => ({
  columns: (create.columns as Column[]).map((column) => (column.columnName === name ? { ...column, ...patch } : column)),
});

const units: Record<Resource, Units> = {
  dashboards: {
    disjoint: () => ({ a: { title: 'Renamed by A' }, b: { description: 'Described by B' }, both: { title: 'Renamed by A', description: 'Described by B' } }),
    same: () => [{ title: 'Title by A' }, { title: 'Title by B' }],
    sameUnit: 'title',
    fields: { a: { title: 'Renamed by A' }, b: { description: 'Described by B' }, both: { title: 'Renamed by A', description: 'Described by B' } },
    json: { field: 'metadata', seed: { color_scheme: 'bnbColors', refresh_frequency: 60 }, a: ['refresh_frequency', 300], b: ['color_scheme', 'd3Category10'] },
  },
  charts: {
    disjoint: () => ({ a: { name: 'Renamed by A' }, b: { cacheTimeout: 900 }, both: { name: 'Renamed by A', cacheTimeout: 900 } }),
    same: (create) => [{ params: { ...(create.params as Body), time_range: 'Last month' } }, { params: { ...(create.params as Body), time_range: 'Last year' } }],
    sameUnit: 'params.time_range',
    fields: { a: { name: 'Renamed by A' }, b: { description: 'Described by B' }, both: { name: 'Renamed by A', description: 'Described by B' } },
    json: { field: 'params', seed: { metrics: ['count'], time_range: 'Last week' }, a: ['time_range', 'Last quarter'], b: ['row_limit', 100] },
  },
  datasets: {
    disjoint: (create) => ({
      a: withColumn(create, 'country', { verboseName: 'Nation' }),
      b: withColumn(create, 'order_id', { verboseName: 'Order number' }),
      both: {
        columns: [
          { columnName: 'country', verboseName: 'Nation' },
          { columnName: 'created_at' },
          { columnName: 'order_id', verboseName: 'Order number' },
        ],
      },
    }),
    same: (create) => [withColumn(create, 'country', { verboseName: 'Nation' }), withColumn(create, 'country', { type: 'VARCHAR' })],
    sameUnit: 'columns.country',
    fields: { a: { description: 'Described by A' }, b: { sql: 'select * from orders' }, both: { description: 'Described by A', sql: 'select * from orders' } },
    json: { field: 'params', seed: { time_range: 'Last week' }, a: ['time_range', 'Last day'], b: ['row_limit', 5000] },
  },
};
for (const definition of SERVED_KINDS.definitions) units[definition.resource] ??= derivedUnits(definition);

/** Units of a kind without hand-written ones (the test-only kinds), read off its definition: its first two text fields and a JSON field. */
function derivedUnits(definition: EntityDefinition): Units {
  const [first, second] = Object.entries(definition.fields).filter(([, spec]) => spec.type === 'text').map(([name]) => name);
  const [json] = Object.entries(definition.fields).filter(([, spec]) => spec.type === 'json').map(([name]) => name);
  const a = { [first]: `${first} by A` };
  const b = { [second]: `${second} by B` };
  return {
    disjoint: () => ({ a, b, both: { ...a, ...b } }),
    same: () => [{ [first]: `${first}, A again` }, { [first]: `${first}, B again` }],
    sameUnit: first,
    fields: { a, b, both: { ...a, ...b } },
    json: { field: json, seed: { first: 1, second: 2 }, a: ['first', 10], b: ['second', 20] },
  };
}

const t = useTestApp();
const tenant = useTenant(t);

const etag = (entity: Entity) => `"${entity.versionId}"`;
const merged = (response: { headers: Record<string, string> }) => response.headers['x-rewind-merged'] === 'true';

describe.each(Object.values(fixtures).map((f) => [f.resource, f] as const))('concurrent editing of %s', (resource, f: KindFixture) => {
  const u = units[resource];
  const path = (id: string, rest = '') => `/api/v1/${resource}/${id}${rest}`;
  const send = (method: 'patch' | 'put' | 'delete' | 'post', url: string, ifMatch?: string) => {
    const request = t.http[method](url).set('Authorization', tenant.owner.auth);
    return ifMatch === undefined ? request : request.set('If-Match', ifMatch);
  };
  const patch = (id: string, body: Body, ifMatch?: string) => send('patch', path(id), ifMatch).send(body);
  const current = async (id: string) => (await t.http.get(path(id)).set('Authorization', tenant.owner.auth).expect(200)).body as Entity;
  /** A fresh entity of this kind and the bodies it was made from. */
  const fresh = async (overrides: Body = {}) => {
    const bodies = await f.prepare(t, tenant.owner.auth);
    const create = { ...bodies.create, ...overrides };
    return { entity: await createEntity(t, tenant.owner.auth, resource, create), create, bodies };
  };

  it('If-Match: current → 200, malformed → 400, an If-Match naming no version of this entity → 412', async () => {
    const { entity } = await fresh();
    const other = (await fresh()).entity;
    const before = await countEvents(t, entity.id);
    for (const malformed of ['v1', entity.versionId, '"123"', `"${entity.versionId}", "${other.versionId}"`]) {
      const response = await patch(entity.id, { [f.patchField]: 'Never saved' }, malformed).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('If-Match') });
    }
    for (const unknown of [`"${other.versionId}"`, '"00000000-0000-4000-8000-000000000000"']) {
      const response = await patch(entity.id, { [f.patchField]: 'Never saved' }, unknown).expect(412);
      expect(response.body).toMatchObject({ statusCode: 412, error: 'Precondition Failed', conflicts: [], current: entity });
    }
    expect(await countEvents(t, entity.id)).toBe(before);

    const ok = await patch(entity.id, { [f.patchField]: 'Saved on top of v1' }, etag(entity)).expect(200);
    expect(ok.body).toMatchObject({ version: 2, [f.patchField]: 'Saved on top of v1' });
    expect(ok.headers.etag).toBe(etag(ok.body));
    expect(merged(ok)).toBe(false);
    // A weak tag of the current version and `*` both count as current.
    await patch(entity.id, { [f.patchField]: 'Weak' }, `W/${etag(ok.body)}`).expect(200);
    await patch(entity.id, { [f.patchField]: 'Star' }, '*').expect(200);
    expect(await countEvents(t, entity.id)).toBe(before + 3);
  });

  it('two parallel PATCHes from the same version on disjoint units both land, one merged', async () => {
    const { entity, create } = await fresh();
    const { a, b, both } = u.disjoint(create);
    const responses = await Promise.all([patch(entity.id, a, etag(entity)), patch(entity.id, b, etag(entity))]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses.filter(merged)).toHaveLength(1);
    expect(responses.map((r) => r.body.version).sort()).toEqual([2, 3]);
    const final = await current(entity.id);
    expect(final).toMatchObject({ version: 3, ...both });
    expect(final).toEqual(responses.find((r) => r.body.version === 3)!.body);
    expect(await countEvents(t, entity.id)).toBe(2 + 1);
  });

  it(`two parallel PATCHes from the same version on one unit (${u.sameUnit}) → one 200, one 412 naming it`, async () => {
    const { entity, create } = await fresh();
    const [a, b] = u.same(create);
    const responses = await Promise.all([patch(entity.id, a, etag(entity)), patch(entity.id, b, etag(entity))]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = responses.find((r) => r.status === 200)!;
    const loser = responses.find((r) => r.status === 412)!;
    expect(merged(winner)).toBe(false);
    expect(loser.body).toMatchObject({ statusCode: 412, error: 'Precondition Failed', conflicts: [u.sameUnit] });
    expect(loser.body.current).toEqual(winner.body);
    expect(await current(entity.id)).toEqual(winner.body);
    expect(await countEvents(t, entity.id)).toBe(2);
  });

  it(`a stale edit of another key of ${u.json.field} merges; of the same key → 412`, async () => {
    const { field, seed, a, b } = u.json;
    const { entity } = await fresh({ [field]: seed });
    const v2 = await patch(entity.id, { [field]: { ...seed, [a[0]]: a[1] } }, etag(entity)).expect(200);
    const stale = await patch(entity.id, { [field]: { ...seed, [b[0]]: b[1] } }, etag(entity)).expect(200);
    expect(merged(stale)).toBe(true);
    expect(stale.body).toMatchObject({ version: 3, [field]: { ...seed, [a[0]]: a[1], [b[0]]: b[1] } });

    const clash = await patch(entity.id, { [field]: { ...seed, [a[0]]: 'Someone else' } }, etag(entity)).expect(412);
    expect(clash.body).toMatchObject({ conflicts: [`${field}.${a[0]}`], current: stale.body });
    // A client that had v2 did not see B's key change, so editing it is a conflict too.
    const fromV2 = await patch(entity.id, { [field]: { ...v2.body[field], [b[0]]: 'Mine' } }, etag(v2.body)).expect(412);
    expect(fromV2.body.conflicts).toEqual([`${field}.${b[0]}`]);
    expect(await countEvents(t, entity.id)).toBe(3);
  });

  it('a stale PUT whose full state collides, a stale DELETE and a stale restore → 412, nothing written', async () => {
    const { entity, bodies } = await fresh();
    const v2 = (await patch(entity.id, { [f.patchField]: 'Changed by someone else' }).expect(200)).body as Entity;
    const put = await send('put', path(entity.id), etag(entity)).send(bodies.put).expect(412);
    expect(put.body.conflicts).toContain(f.patchField);
    expect(put.body.current).toEqual(v2);
    const del = await send('delete', path(entity.id), etag(entity)).expect(412);
    expect(del.body).toMatchObject({ statusCode: 412, conflicts: ['*'], current: v2 });
    const restore = await send('post', path(entity.id, `/versions/${entity.versionId}/restore`), etag(entity)).expect(412);
    expect(restore.body).toMatchObject({ statusCode: 412, conflicts: ['*'], current: v2 });
    expect(await countEvents(t, entity.id)).toBe(2);
    expect(await current(entity.id)).toEqual(v2);

    // With the current version they all proceed.
    const v3 = (await send('put', path(entity.id), etag(v2)).send(bodies.put).expect(200)).body as Entity;
    expect(v3).toMatchObject({ version: 3, [f.clearedByPut.field]: f.clearedByPut.value });
    const v4 = (await send('post', path(entity.id, `/versions/${entity.versionId}/restore`), etag(v3)).expect(200)).body as Entity;
    await send('delete', path(entity.id), etag(v4)).expect(204);
    expect(await countEvents(t, entity.id)).toBe(5);
  });

  it('without If-Match a PATCH changes only its own fields: two clients that read v1 keep both edits', async () => {
    const { entity, create } = await fresh();
    const { a, b, both } = u.fields;
    const first = await patch(entity.id, a).expect(200);
    const second = await patch(entity.id, b).expect(200);
    expect(merged(first) || merged(second)).toBe(false);
    expect(second.body).toMatchObject({ version: 3, ...both });
    expect(await current(entity.id)).toMatchObject(both);
    // Last writer wins per field.
    const [x, y] = u.same(create);
    await patch(entity.id, x).expect(200);
    const last = await patch(entity.id, y).expect(200);
    expect(await current(entity.id)).toEqual(last.body);
    expect(await countEvents(t, entity.id)).toBe(5);
  });

  it('through the command bus a stale save merges or throws PreconditionFailedError with the unit', async () => {
    const { entity, create } = await fresh();
    const actor = { id: tenant.owner.id, org: tenant.org, roles: ['editor' as const] };
    const save = (input: Body, expected?: string) => t.commands.execute(new SaveEntityCommand(f.kind, entity.id, input, 'partial', { actor }, expected));
    const [x, y] = u.same(create);
    await save(x, entity.versionId);
    const error = await save(y, entity.versionId).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).conflicts).toEqual([u.sameUnit]);
    // disjoint.b never touches sameUnit.
    const { b } = u.disjoint(create);
    const result = await save(b, entity.versionId);
    expect(result).toMatchObject({ changed: true, merged: true, entity: { version: 3, ...x } });
    expect(await countEvents(t, entity.id)).toBe(3);
  });
});

describe('fields sent without If-Match', () => {
  it('are replaced whole: the later of two column edits from v1 wins the whole columns list; with If-Match both land', async () => {
    const { create } = await fixtures.datasets.prepare(t, tenant.owner.auth);
    const send = async (ifMatch: boolean) => {
      const entity = await createEntity(t, tenant.owner.auth, 'datasets', create);
      const { a, b } = units.datasets.disjoint(create);
      for (const body of [a, b]) {
        const request = t.http.patch(`/api/v1/datasets/${entity.id}`).set('Authorization', tenant.owner.auth);
        await (ifMatch ? request.set('If-Match', etag(entity)) : request).send(body).expect(200);
      }
      const final = (await t.http.get(`/api/v1/datasets/${entity.id}`).set('Authorization', tenant.owner.auth).expect(200)).body as Entity;
      return Object.fromEntries((final.columns as Column[]).map((c) => [c.columnName, c.verboseName]));
    };
    expect(await send(false)).toEqual({ country: 'Country', created_at: null, order_id: 'Order number' });
    expect(await send(true)).toEqual({ country: 'Nation', created_at: null, order_id: 'Order number' });
  });
});
