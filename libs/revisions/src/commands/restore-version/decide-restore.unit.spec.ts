import { describe, expect, it } from 'vitest';
import { dashboardDefinition } from '#entities/dashboard/dashboard.definition.js';
import { datasetDefinition } from '#entities/dataset/dataset.definition.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import { PreconditionFailedError } from '#revisions/errors.js';
import { given, headOf, mutated, restore } from '#test/support/given-when-then.js';

const CHART_A = 'a0000000-0000-4000-8000-00000000000a';
const CHART_B = 'b0000000-0000-4000-8000-00000000000b';
const v1 = headOf('dashboard', {
  ...emptyDocument(dashboardDefinition),
  title: 'Sales',
  owners: ['u1'],
  tags: ['q1'],
  chartIds: { [CHART_A]: {}, [CHART_B]: {} },
});
const v3 = headOf('dashboard', mutated(v1.document, (d) => ((d.title = 'Revenue'), (d.owners = ['u1', 'u2']), (d.tags = []), (d.chartIds = { [CHART_A]: {} }))), { version: 3 });
const deadChartB = { dead: [{ reference: dashboardDefinition.references[0], ids: [CHART_B] }], usages: [] };

describe('decideRestore', () => {
  it('brings back the restorable fields and collections; owners and tags stay as they are now', () => {
    const decision = given(v3)
      .when(restore(v1))
      .then([
        { op: 'change', path: ['title'], from: 'Revenue', to: 'Sales' },
        { op: 'add', path: ['chartIds', CHART_B], from: null, to: {} },
      ]);
    expect(decision.append).toMatchObject({ type: 'Restored', restoredFrom: { version: 1, versionId: v1.versionId } });
  });

  it('reports its change records once, the same ones it appends', () => {
    const decision = given(v3).when(restore(v1)).decision() as unknown as { records: unknown[]; append: { records: unknown[] } };
    expect(decision.records.length).toBeGreaterThan(0);
    expect(decision.append.records).toBe(decision.records);
  });

  it('appends nothing when the live entity already has the target state', () => {
    given(v3).when(restore(v3)).thenNothing();
  });

  it('un-deletes a deleted entity even when its state is unchanged', () => {
    const deleted = { ...v3, deletedAt: '2026-12-01T12:00:00.000Z' };
    expect(given(deleted).when(restore(v3)).then([]).append).toMatchObject({ type: 'Restored' });
  });

  it('a dry run appends nothing but tells what would change', () => {
    const decision = given(v3).when(restore(v1, undefined, { dryRun: true })).thenNothing();
    expect(decision.records).toHaveLength(2);
  });

  it('leaves out references to entities gone since, and says so', () => {
    const decision = given(v3).when(restore(v1, deadChartB)).then([{ op: 'change', path: ['title'], from: 'Revenue', to: 'Sales' }]);
    expect(decision.warnings).toEqual([{ code: 'reference_dropped', message: `chartIds: left out chart ${CHART_B}, deleted or gone since`, ids: [CHART_B] }]);
  });

  it('warns about references it cannot drop and about removed children still in use', () => {
    const dataset = headOf('dataset', { ...emptyDocument(datasetDefinition), tableName: 'orders' });
    const missing = { reference: { kind: 'dataset', field: 'sourceId', ids: () => [] }, ids: ['x'] };
    const usage = { collection: 'columns', kind: 'chart', users: [{ id: 'c1', keys: ['country'] }, { id: 'c2', keys: ['country', 'city'] }] };
    const decision = given(dataset).when(restore(dataset, { dead: [missing], usages: [usage] })).thenNothing();
    expect(decision.warnings).toEqual([
      { code: 'reference_missing', message: 'sourceId: dataset x no longer exists', ids: ['x'] },
      { code: 'still_in_use', message: 'columns: removed country, city, still used by chart c1, c2', ids: ['c1', 'c2'] },
    ]);
  });

  it('refuses with 412 when If-Match is not the head, and accepts the head in any case', () => {
    given(v3).when(restore(v1, undefined, { expectedVersionId: v1.versionId })).thenRejected(PreconditionFailedError, { conflicts: ['*'] });
    given(v3).when(restore(v1, undefined, { expectedVersionId: v3.versionId.toUpperCase() })).then([
      { op: 'change', path: ['title'], from: 'Revenue', to: 'Sales' },
      { op: 'add', path: ['chartIds', CHART_B], from: null, to: {} },
    ]);
  });
});
