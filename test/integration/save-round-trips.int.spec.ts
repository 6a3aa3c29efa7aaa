import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from '#revisions/commands/delete-entity/delete-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import type { WriteResult } from '#revisions/commands/write-result.js';
import type { EntityView } from '#revisions/projections/entity-head.js';
import { PurgeEntityCommand } from '#revisions/commands/purge-entity/purge-entity.command.js';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
}, 60_000);
afterAll(async () => engine?.close());

const ORG = 'org-round-trips';
const editor = (): CommandContext => ({ actor: engine.actor('editor-1', ORG, 'editor') });
const admin = (): CommandContext => ({ actor: engine.actor('admin-1', ORG, 'admin') });
const create = (kind: string, input: object): Promise<EntityView> => engine.commands.execute(new CreateEntityCommand(kind, input, editor()));
const patch = (id: string, input: object): Promise<WriteResult> => engine.commands.execute(new SaveEntityCommand('dashboard', id, input, 'partial', editor()));

/** The statements `work` sends through the engine's Database (each one round trip). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const query = engine.db.query.bind(engine.db);
  engine.db.query = ((text: string | { text: string; name?: string }, values?: unknown[]) => {
    sent.push(typeof text === 'string' ? text : (text.name ?? text.text));
    return query(text, values);
  }) as typeof engine.db.query;
  try {
    await work();
  } finally {
    engine.db.query = query;
  }
  return sent;
}

describe('a warm save is one round trip', () => {
  it('a dashboard that holds charts: the append itself checks the charts it keeps still exist', async () => {
    const charts = [await create('chart', { name: 'Revenue', vizType: 'table' }), await create('chart', { name: 'Costs', vizType: 'table' })];
    const dashboard = await create('dashboard', { title: 'Sales', chartIds: charts.map((chart) => chart.id) });
    await patch(dashboard.id, { description: 'warm the head' });

    expect(await statementsOf(() => patch(dashboard.id, { description: 'one statement' }))).toEqual(['rewind_dashboard_append']);
  });

  it('after a chart it keeps was purged, the save drops it and appends exactly one version', async () => {
    const [kept, doomed] = [await create('chart', { name: 'Kept', vizType: 'table' }), await create('chart', { name: 'Doomed', vizType: 'table' })];
    const dashboard = await create('dashboard', { title: 'Ops', chartIds: [kept.id, doomed.id] });
    await patch(dashboard.id, { description: 'warm the head' });
    await engine.commands.execute(new DeleteEntityCommand('chart', doomed.id, admin()));
    await engine.commands.execute(new PurgeEntityCommand('chart', doomed.id, admin()));

    const saved = await patch(dashboard.id, { description: 'after the purge' });
    expect(saved.entity.chartIds).toEqual([kept.id]);
    const rows = await engine.db.query<{ version: number }>('select version from revision_events where stream_id = $1 order by version', [dashboard.id]);
    expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
    const children = await engine.db.query<{ chart_id: string }>('select chart_id from dashboard_charts where dashboard_id = $1', [dashboard.id]);
    expect(children.map((row) => row.chart_id)).toEqual([kept.id]);
  });
});
