import fc from 'fast-check';
import type { Test } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { newDashboard, useTenant, type Entity } from '#test/support/entity-fixtures.js';
import { useTestApp } from '#test/support/test-app.js';

/**
 * Every operation of the OpenAPI document, with random path ids, query strings, headers and bodies
 * (random JSON, and objects shaped by the operation's schema with wrong values mixed in). The
 * property: never a 5xx, and no new `revision_events` row for any 4xx. Deterministic in CI (fixed
 * seed; FUZZ_SEED picks another, FUZZ_RUNS the runs per operation, FUZZ_LOG=1 prints every
 * request's status), bounded to stay well under a minute on a loaded machine.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 16);

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  query: string[];
  headers: string[];
  body?: Schema;
}
interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}

const t = useTestApp({ REVISION_SNAPSHOT_EVERY: '3' });
const tenant = useTenant(t);
let operations: Operation[] = [];
let components: Record<string, Schema> = {};
let known: { entity: Entity; ids: string[] };

beforeAll(async () => {
  const document = (await t.http.get('/docs-json').expect(200)).body;
  components = document.components?.schemas ?? {};
  operations = Object.entries(document.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, spec]) => ({
          method: method as Operation['method'],
          path,
          query: (spec.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          headers: (spec.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
          body: spec.requestBody?.content?.['application/json']?.schema,
        })),
  );
  const entity = await newDashboard(t, tenant.owner.auth);
  known = { entity, ids: [entity.id, entity.versionId, ...(entity.chartIds as string[])] };
});

const maxPosition = async () => (await t.db.query<{ p: string | null }>('select max(position)::text as p from revision_events'))[0].p ?? '0';

/** Strings that broke things before, and plain random ones. */
const nasty = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1.5', '1e309', '99999999999999999999', 'null', 'true', '[]', '{}', '\u0000', '\ud800', '%00', '0000-01-01', '2020-02-30', 'constructor', '__proto__', 'a'.repeat(5000)),
  fc.string({ maxLength: 40 }),
  fc.uuid(),
);

const jsonish = fc.jsonValue({ maxDepth: 4 });

function schemaValue(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const resolved = schema?.$ref ? components[schema.$ref.split('/').pop()!] : schema;
  if (!resolved || depth > 3) return jsonish;
  const wrong = fc.oneof(jsonish, nasty);
  switch (resolved.type) {
    case 'string':
      return fc.oneof(nasty, wrong);
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer(), fc.double(), wrong);
    case 'boolean':
      return fc.oneof(fc.boolean(), wrong);
    case 'array':
      return fc.oneof(fc.array(schemaValue(resolved.items, depth + 1), { maxLength: 4 }), wrong);
    default: {
      const properties = Object.entries(resolved.properties ?? {});
      if (!properties.length) return fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), jsonish, { maxKeys: 4 }), wrong);
      const record = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, schemaValue(property, depth + 1)])), { requiredKeys: [] });
      const extraKey = fc.constantFrom('constructor', 'toString', 'valueOf', '__proto__', 'unknownField');
      return fc.oneof(
        { weight: 3, arbitrary: record },
        { weight: 1, arbitrary: fc.tuple(record, extraKey, jsonish).map(([object, key, value]) => ({ ...(object as object), [key]: value })) },
        { weight: 1, arbitrary: wrong },
      );
    }
  }
}

function requestFor(operation: Operation) {
  const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const id = fc.oneof(fc.constantFrom(...known.ids), nasty);
  const queryValue = fc.oneof(nasty, fc.constantFrom('1', '20', '100', 'true', 'false', 'dashboard', 'filter', '2026-01-01'));
  const query = fc.dictionary(fc.constantFrom(...operation.query, 'unknown', 'limit'), fc.oneof(queryValue, fc.array(queryValue, { minLength: 2, maxLength: 2 })), { maxKeys: 4 });
  const auth = fc.constantFrom('owner', 'admin', 'viewer', 'none', 'garbage');
  const header = fc.record(
    {
      'if-match': fc.oneof(fc.constant(`"${known.entity.versionId}"`), nasty),
      'if-none-match': nasty,
      'idempotency-key': nasty,
      'revision-message': nasty,
    },
    { requiredKeys: [] },
  );
  return fc.record({
    params: fc.tuple(...pathParams.map(() => id)),
    query,
    auth,
    header,
    body: operation.body || operation.method !== 'get' ? fc.oneof(schemaValue(operation.body), jsonish) : fc.constant(undefined),
  });
}

/** A lone surrogate cannot be URI-encoded; a hostile client sends its (invalid) UTF-8 bytes instead. */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

type Generated = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

function send(operation: Operation, input: Generated): Test {
  let index = 0;
  const path = operation.path.replace(/\{\w+\}/g, () => encodePathSegment(String(input.params[index++])));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query)) for (const item of [value].flat()) search.append(name, String(item));
  let request = t.http[operation.method](`${path}${search.size ? `?${search}` : ''}`);
  const tokens = { owner: tenant.owner.auth, admin: tenant.admin.auth, viewer: tenant.viewer.auth, none: undefined, garbage: 'Bearer not.a.token' };
  const auth = tokens[input.auth];
  if (auth) request = request.set('Authorization', auth);
  for (const [name, value] of Object.entries(input.header)) {
    // Only values a client can put on the wire: HTTP forbids control characters in headers.
    if (typeof value === 'string' && !/[\u0000-\u001f\u007f-\uffff]/.test(value)) request = request.set(name, value);
  }
  if (input.body !== undefined && operation.method !== 'get') request = request.set('Content-Type', 'application/json').send(JSON.stringify(input.body));
  return request;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('has operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(10);
  });

  it('no 5xx for any input, and no event written by a refused request', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async (input) => {
          const before = await maxPosition();
          const response = await send(operation, input);
          const label = `${operation.method.toUpperCase()} ${operation.path} → ${response.status}`;
          if (process.env.FUZZ_LOG) console.log(label);
          expect(response.status, `${label} ${JSON.stringify(response.body).slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) expect(await maxPosition(), `${label} wrote an event`).toBe(before);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      ).catch((error: Error) => failures.push(`${operation.method.toUpperCase()} ${operation.path}: ${error.message.split('\n').filter((line) => /Counterexample|Got |rror|expected/.test(line)).join('\n').slice(0, 1500)}`));
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
