import { describe, expect, it } from 'vitest';
import { LARGE_JSON_BODY_BYTES } from '#api/http/json-body/large-json-body.js';
import { createEntity, useTenant } from '#test/support/entity-fixtures.js';
import { useTestApp } from '#test/support/test-app.js';

/** Bodies past LARGE_JSON_BODY_BYTES are parsed on a thread of their own: the API answers them as it answers small ones. */
const t = useTestApp();
const tenant = useTenant(t);

const padding = (bytes: number) => 'x'.repeat(bytes);

describe('large JSON bodies', () => {
  it('a large save is parsed as JSON.parse reads it: strings, numbers and nesting come through unchanged', async () => {
    const items = Array.from({ length: 3_000 }, (_, i) => ({ label: `l${i}`, expression: `"é ☃ 𝄞 \\ \"${i}"`, n: i % 3 === 0 ? -0 : i / 7, nested: { deep: [null, true, 1e21, -1.5e-7] } }));
    const raw = `\ufeff \n{"description": "naïve ☃", "params": {"groupby": ["a"], "constructor": {"x": 1}, "big": ${JSON.stringify(items)}}}`;
    expect(Buffer.byteLength(raw)).toBeGreaterThan(LARGE_JSON_BODY_BYTES);
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Large', vizType: 'table', params: { groupby: ['a'] } });
    const saved = await t.http.patch(`/api/v1/charts/${chart.id}`).set('Authorization', tenant.owner.auth).set('Content-Type', 'application/json').send(raw).expect(200);
    const expected = JSON.parse(raw.slice(1)) as { description: string; params: { big: unknown } };
    expect(saved.body.params).toEqual(expected.params);
    expect(saved.body.description).toBe(expected.description);
    const { changes } = (await t.http.get(`/api/v1/charts/${chart.id}/versions?limit=1`).set('Authorization', tenant.viewer.auth).expect(200)).body.items[0];
    expect(changes).toContainEqual(expect.objectContaining({ path: ['description'], to: 'naïve ☃' }));
    expect(changes).toContainEqual(expect.objectContaining({ path: ['params', 'big'], to: expected.params.big }));
  });

  it('a large body is checked as a small one is: a __proto__ key is refused by name and nothing is written', async () => {
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Guarded', vizType: 'table', params: { groupby: ['a'] } });
    const url = `/api/v1/charts/${chart.id}`;
    const send = (raw: string) => t.http.patch(url).set('Authorization', tenant.owner.auth).set('Content-Type', 'application/json').send(raw).expect(400);
    const small = await send('{"params": {"__proto__": {"polluted": true}}}');
    const large = await send(`{"params": {"__proto__": {"polluted": true}, "groupby": ${JSON.stringify(Array.from({ length: 10_000 }, (_, i) => `d${i}`))}}}`);
    expect(large.body).toEqual(small.body);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.http.get(url).set('Authorization', tenant.viewer.auth).expect(200)).body.version).toBe(1);
  });

  it('a large body that is not JSON, or whose top is not an object or array, is a 400 that echoes nothing and writes nothing', async () => {
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Kept', vizType: 'table', params: { groupby: ['a'] } });
    const url = `/api/v1/charts/${chart.id}`;
    for (const raw of [`{"params": {"groupby": ["${padding(LARGE_JSON_BODY_BYTES)}"]`, `"${padding(LARGE_JSON_BODY_BYTES)}"`, `  ${padding(LARGE_JSON_BODY_BYTES)}`]) {
      const response = await t.http.patch(url).set('Authorization', tenant.owner.auth).set('Content-Type', 'application/json').send(raw).expect(400);
      expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the body is not valid JSON' });
      expect(response.text).not.toContain('xxxx');
    }
    const current = await t.http.get(url).set('Authorization', tenant.viewer.auth).expect(200);
    expect(current.body.version).toBe(1);
  });

  it('a large body over 1 MB is a 413, and a compressed or non-UTF-8 one is still read by body-parser', async () => {
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Bounded', vizType: 'table', params: { groupby: ['a'] } });
    const url = `/api/v1/charts/${chart.id}`;
    const huge = JSON.stringify({ description: padding(1024 * 1024) });
    await t.http.patch(url).set('Authorization', tenant.owner.auth).set('Content-Type', 'application/json').send(huge).expect(413);
    const latin1 = JSON.stringify({ description: `caf${'é'.repeat(LARGE_JSON_BODY_BYTES)}` });
    const sent = await t.http.patch(url).set('Authorization', tenant.owner.auth).set('Content-Type', 'application/json; charset=utf-16le').send(Buffer.from(latin1, 'utf16le'));
    expect([200, 400]).toContain(sent.status); // body-parser's own answer (the field bound), never a 500
  });
});
