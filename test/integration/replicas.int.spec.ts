import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import type { WriteResult } from '#revisions/commands/write-result.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';

/** Two engines on one database: each caches the heads it writes, and neither may lose the other's work. */
describe('two replicas writing the same entities', () => {
  let a: TestEngine;
  let b: TestEngine;
  beforeAll(async () => {
    a = await startTestEngine();
    b = await startTestEngine({}, a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const context = (engine: TestEngine) => ({ actor: engine.actor('ada', 'acme', 'admin') });
  const save = (engine: TestEngine, id: string, input: object, kind = 'dashboard') =>
    engine.commands.execute(new SaveEntityCommand(kind, id, input, 'partial', context(engine))) as Promise<WriteResult>;

  it('a stale cached head costs a retry, never a lost or duplicated version', async () => {
    const dashboard = await a.commands.execute(new CreateEntityCommand('dashboard', { title: 'Shared' }, context(a)));
    await save(a, dashboard.id, { title: 'A1' }); // A now caches version 2
    await save(b, dashboard.id, { description: 'from B' }); // B moves it to version 3
    const fromA = await save(a, dashboard.id, { css: '.a {}' }); // A decides on v2, loses, re-reads
    expect(fromA.entity).toMatchObject({ version: 4, title: 'A1', description: 'from B', css: '.a {}' });

    const writes = await Promise.all(Array.from({ length: 20 }, (_, i) => save(i % 2 ? a : b, dashboard.id, { slug: `s-${i}` })));
    expect(writes.map((w) => w.entity.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    const versions = await a.db.query<{ version: number }>('select version from revision_events where stream_id = $1 order by version', [dashboard.id]);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('write answers show cached fields another replica changed', async () => {
    const chart = await a.commands.execute(new CreateEntityCommand('chart', { name: 'C', vizType: 'line', queryContext: { q: 1 } }, context(a)));
    await save(a, chart.id, { name: 'C1' }, 'chart');
    await save(b, chart.id, { queryContext: { q: 2 } }, 'chart'); // no version: A's cached head keeps its version
    const fromA = await save(a, chart.id, { name: 'C2' }, 'chart');
    expect(fromA.entity).toMatchObject({ version: 3, name: 'C2', queryContext: { q: 2 } });
    const read = await b.queries.execute(new GetEntityQuery('chart', chart.id, context(b).actor));
    expect(read).toMatchObject({ version: 3, name: 'C2', queryContext: { q: 2 } });
  });
});
