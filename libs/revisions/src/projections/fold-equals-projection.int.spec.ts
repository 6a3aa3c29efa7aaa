import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';
import type { CommandContext } from '../actor.js';
import { CreateEntityCommand } from '../commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from '../commands/delete-entity/delete-entity.command.js';
import { SaveEntityCommand, type SaveMode } from '../commands/save-entity/save-entity.command.js';
import { sameJson, type Json } from '../document/json.js';
import type { EntityHead } from './entity-head.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { FieldSpec } from '#revisions/definition/field-spec.js';
import { SERVED_KINDS } from '#test/support/test-app.js';
import { foldStream } from './fold-stream.js';

/**
 * The projection is what folding the stream gives: for random histories of every kind, after every
 * command, the head row read back from PostgreSQL equals `foldStream` of the stream's events.
 */
const ORG = 'org-fold';
const RUNS = 25;

let engine: TestEngine;
let datasetIds: string[];
let chartIds: string[];

const context = (actor: string): CommandContext =>
  actor === 'admin-1' ? { actor: engine.actor('admin-1', ORG, 'admin') } : { actor: engine.actor('editor-1', ORG, 'editor') };

beforeAll(async () => {
  engine = await startTestEngine();
  const create = (kind: string, input: object) => engine.commands.execute(new CreateEntityCommand(kind, input, context('editor-1')));
  datasetIds = (await Promise.all(['orders', 'customers'].map((tableName) => create('dataset', { tableName })))).map((d) => d.id);
  chartIds = (await Promise.all([0, 1, 2].map((n) => create('chart', { name: `Chart ${n}`, vizType: 'table', datasetId: datasetIds[n % 2] })))).map((c) => c.id);
}, 60_000);
afterAll(async () => engine?.close());

// ---- valid input, as the DTOs describe it ------------------------------------------------------

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', ' ', 'é', '漢', '🙂', '"', "'", '\\', '.', '%'), minLength: 1, maxLength: 6 });
const blankOr = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constantFrom(null, ''));
const optionalText = blankOr(text);
const flag = fc.constantFrom(true, false, null);
const cacheTimeout = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2_147_483_647 }));
const scalar: fc.Arbitrary<Json> = fc.oneof(text, fc.constantFrom<Json>('', null, true, false, 0), fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const NESTED_KEYS = ['a', 'b', 'label', 'subject', 'operator', 'comparator', 'x y', 'é'];
const jsonTree: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NESTED_KEYS), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;
const jsonObject = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), jsonTree, { maxKeys: 5, noNullPrototype: true });
const owners = fc.constantFrom(['editor-1'], ['editor-1', 'editor-2'], ['editor-3', 'editor-1']);
const tags = fc.array(text, { maxLength: 3 });

const columns = fc.uniqueArray(
  fc.record(
    {
      columnName: fc.constantFrom('country', 'city', 'ds', 'revenue', 'Order Date', '名前'),
      type: optionalText,
      expression: optionalText,
      verboseName: optionalText,
      isDttm: flag,
      groupby: flag,
      filterable: flag,
      description: optionalText,
    },
    { requiredKeys: ['columnName'] },
  ),
  { selector: (column) => column.columnName, maxLength: 4 },
);
const metrics = fc.uniqueArray(
  fc.record(
    {
      metricName: fc.constantFrom('count', 'sum__revenue', 'avg price'),
      expression: optionalText,
      metricType: optionalText,
      verboseName: optionalText,
      d3format: optionalText,
      currency: fc.oneof(fc.constant(null), fc.record({ symbol: fc.constantFrom('EUR', 'USD'), symbolPosition: fc.constantFrom('prefix', 'suffix') })),
      description: optionalText,
    },
    { requiredKeys: ['metricName'] },
  ),
  { selector: (metric) => metric.metricName, maxLength: 3 },
);

const LAYOUT_IDS = ['ROOT_ID', 'GRID_ID', 'ROW-1', 'ROW-2', 'CHART-1', 'CHART-2', 'MARKDOWN-1'];
const layout = () =>
  fc.dictionary(
    fc.constantFrom(...LAYOUT_IDS),
    fc.oneof(
      fc.record({ type: fc.constant('CHART'), meta: fc.record({ chartId: fc.constantFrom(...chartIds), width: fc.integer({ min: 1, max: 12 }) }) }),
      fc.record({ type: fc.constantFrom('ROW', 'GRID', 'MARKDOWN'), children: fc.subarray(LAYOUT_IDS, { maxLength: 3 }), meta: jsonObject(['background', 'code']) }),
    ),
    { maxKeys: 4, noNullPrototype: true },
  );

type Kind = string;
interface KindArbitraries {
  required: string[];
  fields: () => Record<string, fc.Arbitrary<unknown>>;
}
/** Per kind: every writable field, and the ones a create or full save must carry. */
const kinds: Record<Kind, KindArbitraries> = {
  dataset: {
    required: ['tableName'],
    fields: () => ({
      tableName: text,
      schema: optionalText,
      catalog: optionalText,
      database: optionalText,
      sql: optionalText,
      description: optionalText,
      mainDttmCol: optionalText,
      cacheTimeout,
      params: jsonObject(['a', 'b', 'remote_id', 'nested']),
      extra: jsonObject(['certification', 'warning_markdown']),
      columns,
      metrics,
      owners,
      tags,
    }),
  },
  chart: {
    required: ['name', 'vizType'],
    fields: () => ({
      name: text,
      vizType: fc.constantFrom('table', 'line', 'pie', 'big_number'),
      datasetId: fc.constantFrom(null, ...datasetIds),
      params: jsonObject(['time_range', 'color_scheme', 'metrics', 'groupby', 'adhoc_filters', 'row_limit', 'columns', 'x_axis']),
      description: optionalText,
      cacheTimeout,
      certifiedBy: optionalText,
      certificationDetails: optionalText,
      externalUrl: optionalText,
      owners,
      tags,
      queryContext: fc.oneof(fc.constant(null), jsonObject(['datasource', 'queries'])),
    }),
  },
  dashboard: {
    required: ['title'],
    fields: () => ({
      title: text,
      slug: optionalText,
      description: optionalText,
      css: optionalText,
      published: flag,
      metadata: jsonObject(['refresh_frequency', 'color_scheme', 'label_colors', 'native_filter_configuration', 'time_range', 'cross_filters_enabled']),
      layout: layout(),
      chartIds: fc.subarray(chartIds),
      certifiedBy: optionalText,
      certificationDetails: optionalText,
      externalUrl: optionalText,
      owners,
      tags,
    }),
  },
};
for (const definition of SERVED_KINDS.definitions) kinds[definition.kind] ??= derivedArbitraries(definition);

/** Arbitraries of a kind without hand-written ones (the test-only kinds), read off its definition: one per field type, one per collection. */
function derivedArbitraries(definition: EntityDefinition): KindArbitraries {
  const byType = (name: string, spec: FieldSpec): fc.Arbitrary<unknown> =>
    ({ text: spec.required ? text : optionalText, integer: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 10 })), boolean: flag, json: jsonObject(['a', 'b', 'palette']), uuid: fc.constant(null), 'text[]': name === 'owners' ? owners : tags })[spec.type];
  const fields = () => ({
    ...Object.fromEntries(Object.entries(definition.fields).map(([name, spec]) => [name, byType(name, spec)])),
    ...Object.fromEntries(
      Object.entries(definition.collections).map(([name, spec]) => [
        name,
        fc.uniqueArray(fc.record({ [spec.key]: fc.constantFrom('k1', 'k 2', 'é3', 'K4'), ...Object.fromEntries(Object.entries(spec.itemFields).map(([item, itemSpec]) => [item, byType(item, itemSpec)])) }, { requiredKeys: [spec.key] }), {
          selector: (item) => item[spec.key],
          maxLength: 3,
        }),
      ]),
    ),
  });
  return { required: Object.entries(definition.fields).filter(([, spec]) => spec.required).map(([name]) => name), fields };
}

interface Step {
  mode: SaveMode;
  actor: string;
  input: Record<string, unknown>;
}

function history(kind: Kind) {
  const { required, fields } = kinds[kind];
  const full = fc.record(fields(), { requiredKeys: required });
  const partial = fc.record(fields(), { requiredKeys: [] });
  const step: fc.Arbitrary<Step> = fc.record({
    mode: fc.constantFrom<SaveMode>('partial', 'full'),
    actor: fc.constantFrom('editor-1', 'admin-1'),
    partial,
    full,
  }).map(({ mode, actor, partial, full }) => ({ mode, actor, input: mode === 'partial' ? partial : full }));
  return fc.record({ create: full, steps: fc.array(step, { maxLength: 6 }), deleteAtEnd: fc.boolean(), deletedBy: fc.constantFrom('editor-1', 'admin-1') });
}

// ---- the property --------------------------------------------------------------------------------

const audit = (head: EntityHead) => ({
  version: head.version,
  versionId: head.versionId,
  orgId: head.orgId,
  deletedAt: head.deletedAt,
  createdAt: head.createdAt,
  createdBy: head.createdBy,
  updatedAt: head.updatedAt,
  updatedBy: head.updatedBy,
});

async function expectFoldEqualsProjection(kind: string, id: string, after: string): Promise<void> {
  const events = await engine.reader.readStream(kind, id);
  const folded = foldStream(events);
  const projected = await engine.heads.loadHead(engine.definitions.get(kind), id, ORG);
  if (!folded || !projected) throw new Error(`${kind} ${id} after ${after}: fold ${!!folded}, projection ${!!projected}`);
  expect({ after, ...audit(projected) }).toEqual({ after, ...audit(folded) });
  expect(projected.version).toBe(events.length);
  if (!sameJson(projected.document, folded.document)) expect({ after, document: projected.document }).toEqual({ after, document: folded.document });
}

describe('folding the stream equals the projection', () => {
  it.each(Object.keys(kinds) as Kind[])(
    'for random histories of a %s',
    async (kind) => {
      await fc.assert(
        fc.asyncProperty(history(kind), async ({ create, steps, deleteAtEnd, deletedBy }) => {
          const { id } = await engine.commands.execute(new CreateEntityCommand(kind, create, context('editor-1')));
          await expectFoldEqualsProjection(kind, id, 'create');
          for (const [n, { mode, actor, input }] of steps.entries()) {
            await engine.commands.execute(new SaveEntityCommand(kind, id, input, mode, context(actor)));
            await expectFoldEqualsProjection(kind, id, `${mode} save #${n + 1}`);
          }
          if (deleteAtEnd) {
            await engine.commands.execute(new DeleteEntityCommand(kind, id, context(deletedBy)));
            await expectFoldEqualsProjection(kind, id, 'delete');
          } else {
            // Leave nothing live: a unique field (a dashboard's slug) may come again in the next history.
            await engine.commands.execute(new DeleteEntityCommand(kind, id, context('admin-1')));
          }
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  );
});
