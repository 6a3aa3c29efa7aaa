import { describe, expect, it } from 'vitest';
import type { Test } from 'supertest';
import { allFixtures, useKindEntity, countEvents, type Body } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

const without = (body: Body, field: string): Body => Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));

/**
 * Sends a request that must be refused with `status`, checks the error body's shape and that
 * `revision_events` did not grow, and returns the body.
 */
async function rejected(request: Test, status: number) {
  const before = await countEvents(t);
  const response = await request;
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status } });
  expect(response.headers['content-type']).toMatch(/application\/json/);
  expect(await countEvents(t)).toBe(before);
  return response.body as { statusCode: number; error: string; message: string | string[] };
}

/** A 400 whose `message` lists a problem naming `field`. */
async function badRequestNaming(request: Test, field: string) {
  const body = await rejected(request, 400);
  expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(Array) });
  expect(body.message).toContainEqual(expect.stringContaining(field));
  return body;
}

describe.each(allFixtures)('$resource: bad input', (fx) => {
  const base = `/api/v1/${fx.resource}`;
  const { tenant, bodies, entity } = useKindEntity(t, fx);
  const post = () => t.http.post(base).set('Authorization', tenant.owner.auth);
  const patch = () => t.http.patch(`${base}/${entity.id}`).set('Authorization', tenant.owner.auth);
  const put = () => t.http.put(`${base}/${entity.id}`).set('Authorization', tenant.owner.auth);

  it('an unknown property → 400 naming it, on POST, PATCH and PUT', async () => {
    for (const [name, request, body] of [
      ['POST', post(), bodies.create],
      ['PATCH', patch(), bodies.patch],
      ['PUT', put(), bodies.put],
    ] as const) {
      const answer = await badRequestNaming(request.send({ ...body, dashboardColour: 'teal' }), 'dashboardColour');
      expect(answer, name).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(Array) });
    }
  });

  it('a value of the wrong type → 400 naming the field, on POST and PATCH', async () => {
    const { field, value } = fx.wrongType;
    await badRequestNaming(post().send({ ...bodies.create, [field]: value }), field);
    await badRequestNaming(patch().send({ [field]: value }), field);
  });

  it('the body must be a JSON object', async () => {
    await rejected(post().send([bodies.create]), 400);
    await rejected(patch().set('Content-Type', 'application/json').send('"just a string"'), 400);
  });

  it('a missing required field → 400 on POST and PUT', async () => {
    await badRequestNaming(post().send(without(bodies.create, fx.requiredField)), fx.requiredField);
    await badRequestNaming(put().send(without(bodies.put, fx.requiredField)), fx.requiredField);
  });

  it.each([null, ''])('a blank required field via PATCH (%j) → 400', async (blank) => {
    await badRequestNaming(patch().send({ [fx.requiredField]: blank }), fx.requiredField);
    const current = await t.http.get(`${base}/${entity.id}`).set('Authorization', tenant.owner.auth).expect(200);
    expect(current.body[fx.requiredField]).toBe(entity[fx.requiredField]);
  });

  it('a string over its maximum length → 400 that does not echo it; at the maximum → accepted', async () => {
    const { field, maxLength } = fx.longString;
    const tooLong = 'q'.repeat(maxLength + 1);
    for (const request of [post().send({ ...bodies.create, [field]: tooLong }), patch().send({ [field]: tooLong })]) {
      const body = await badRequestNaming(request, field);
      expect(JSON.stringify(body)).not.toContain('q'.repeat(64));
    }
    const atMax = await post().send({ ...bodies.create, [field]: 'q'.repeat(maxLength) });
    expect(atMax.status).toBe(201);
  });

  it('malformed JSON → 400 whose message does not contain the sent text', async () => {
    // JSON.parse quotes the text around an unexpected token; the answer must not pass that on.
    const sent = [`{"${fx.requiredField}": secret-7f3a}`, `{"${fx.requiredField}": "secret-7f3a", `];
    for (const [request, text] of [[post(), sent[0]], [patch(), sent[0]], [post(), sent[1]]] as const) {
      const body = await rejected(request.set('Content-Type', 'application/json').send(text), 400);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(body)).not.toMatch(/secret|7f3a/);
    }
  });

  it('a body over 1 MB → 413 on POST and PATCH', async () => {
    const huge = JSON.stringify({ ...bodies.create, [fx.longString.field]: 'x'.repeat(1_100_000) });
    for (const request of [post(), patch()]) {
      const body = await rejected(request.set('Content-Type', 'application/json').send(huge), 413);
      expect(body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      expect(JSON.stringify(body)).not.toContain('x'.repeat(64));
    }
  });

  it.each(['limit=0', 'limit=abc', 'limit=101', 'limit=-1', 'limit=2.5', 'cursor=garbage', 'cursor=WyJ4Il0' /* ["x"] */])('?%s → 400 on the list and on /versions', async (query) => {
    for (const path of [`${base}?${query}`, `${base}/${entity.id}/versions?${query}`]) {
      const body = await rejected(t.http.get(path).set('Authorization', tenant.viewer.auth), 400);
      expect({ path, body }).toMatchObject({ path, body: { statusCode: 400, error: 'Bad Request' } });
    }
  });

  it('limits at the bounds are accepted', async () => {
    for (const query of ['limit=1', 'limit=100']) {
      const response = await t.http.get(`${base}?${query}`).set('Authorization', tenant.viewer.auth);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(Number(query.split('=')[1]));
    }
  });
});
