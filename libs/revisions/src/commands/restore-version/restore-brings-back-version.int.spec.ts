import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';
import { sameJson, type JsonObject } from '#revisions/document/json.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import { CreateEntityCommand } from '../create-entity/create-entity.command.js';
import { SaveEntityCommand } from '../save-entity/save-entity.command.js';
import { RestoreVersionCommand } from './restore-version.command.js';

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta');
const owners = fc.constantFrom(['ada'], ['ada', 'bob'], ['bob', 'ada', 'cy']);
const tags = fc.subarray(['finance', 'ops', 'gold']);
const columns = fc.uniqueArray(fc.record({ columnName: word, type: fc.constantFrom('INT', 'TEXT', null), isDttm: fc.boolean() }), { selector: (c) => c.columnName, maxLength: 3 });
const metrics = fc.uniqueArray(fc.record({ metricName: word, expression: fc.constantFrom('COUNT(*)', 'SUM(x)') }), { selector: (m) => m.metricName, maxLength: 3 });

/** Partial saves of each kind, over versioned fields, children, owners and tags (and a chart's cache). */
const edits = {
  dashboard: fc.record(
    { title: word, description: fc.option(word), published: fc.boolean(), metadata: fc.record({ color_scheme: word }), owners, tags },
    { requiredKeys: [] },
  ),
  chart: fc.record(
    { name: word, vizType: fc.constantFrom('line', 'table'), params: fc.record({ time_range: word, row_limit: fc.nat(100) }), owners, tags, queryContext: fc.record({ q: word }) },
    { requiredKeys: [] },
  ),
  dataset: fc.record({ tableName: word, sql: fc.option(word), columns, metrics, owners, tags }, { requiredKeys: [] }),
};
const firsts = { dashboard: { title: 'first' }, chart: { name: 'first', vizType: 'line' }, dataset: { tableName: 'first' } };
const outOfScope = ['owners', 'tags', 'queryContext'];

describe('restoring version v gives v’s state on the restore scope and keeps the rest', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ snapshotEvery: 3 });
  });
  afterAll(() => engine?.close());

  const context = () => ({ actor: engine.actor('ada', 'acme', 'admin') });

  for (const kind of ['dashboard', 'chart', 'dataset'] as const) {
    it(`${kind}s`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(edits[kind] as fc.Arbitrary<JsonObject>, { minLength: 1, maxLength: 6 }), fc.nat(), async (history, pick) => {
          const created = await engine.commands.execute(new CreateEntityCommand(kind, firsts[kind], context()));
          for (const edit of history) await engine.commands.execute(new SaveEntityCommand(kind, created.id, edit, 'partial', context()));
          const current = await engine.queries.execute(new GetEntityQuery(kind, created.id, context().actor));
          const version = 1 + (pick % current.version);
          const target = (await engine.queries.execute(new GetVersionQuery(kind, created.id, versionIdOf(created.id, version), context().actor))).state;

          await engine.commands.execute(new RestoreVersionCommand(kind, created.id, versionIdOf(created.id, version), context()));
          const restored = await engine.queries.execute(new GetEntityQuery(kind, created.id, context().actor));

          const definition = engine.definitions.get(kind);
          for (const name of [...Object.keys(definition.fields), ...Object.keys(definition.collections), ...Object.keys(definition.cached)]) {
            const expected = outOfScope.includes(name) ? current[name] : target[name];
            expect(sameJson(restored[name], expected), `${kind}.${name} after restoring v${version}`).toBe(true);
          }
        }),
        { numRuns: 20 },
      );
    });
  }
});
