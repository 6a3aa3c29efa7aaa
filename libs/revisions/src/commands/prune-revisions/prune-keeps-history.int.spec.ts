import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';
import { sameJson } from '#revisions/document/json.js';
import { CreateEntityCommand } from '../create-entity/create-entity.command.js';
import { SaveEntityCommand } from '../save-entity/save-entity.command.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { RevisionPrunedError } from '#revisions/errors.js';
import { PruneRevisionsCommand } from './prune-revisions.command.js';

const DAY = 86_400_000;

describe('pruning keeps every retained version and the head reconstructable', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ snapshotEvery: 3 });
  });
  afterAll(() => engine.close());

  const admin = () => ({ actor: engine.actor('ada', 'acme', 'admin') });

  /** A history: per version, how many days before "now" it was saved (oldest first). */
  const history = fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 10 }).map((ages) => ages.sort((a, b) => b - a));
  const policy = fc.record({ days: fc.constantFrom(0, 10, 30), maxVersions: fc.constantFrom(0, 1, 2, 4) });

  it('every version at or after the boundary reads exactly as before; older ones are 410', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 3 }), policy, async (histories, retention) => {
        const now = new Date('2027-06-01T00:00:00.000Z').getTime();
        const ids: { id: string; versions: number }[] = [];
        for (const ages of histories) {
          engine.clock.set(new Date(now - ages[0] * DAY));
          const created = await engine.commands.execute(new CreateEntityCommand('chart', { name: 'v1', vizType: 'line', params: { step: 1 } }, admin()));
          for (const [index, age] of ages.slice(1).entries()) {
            engine.clock.set(new Date(now - age * DAY));
            await engine.commands.execute(new SaveEntityCommand('chart', created.id, { name: `v${index + 2}`, params: { step: index + 2 } }, 'partial', admin()));
          }
          ids.push({ id: created.id, versions: ages.length });
        }
        engine.clock.set(new Date(now));
        const read = (id: string, version: number) => engine.queries.execute(new GetVersionQuery('chart', id, versionIdOf(id, version), admin().actor));
        const before = await Promise.all(ids.map(({ id, versions }) => Promise.all(Array.from({ length: versions }, (_, i) => read(id, i + 1)))));

        await engine.commands.execute(new PruneRevisionsCommand(retention, 2));

        for (const [index, { id, versions }] of ids.entries()) {
          const oldest = (await engine.reader.oldestVersion('chart', id))!;
          expect(oldest).toBeLessThanOrEqual(versions); // the head is always kept
          for (let version = 1; version <= versions; version++) {
            if (version < oldest) {
              await expect(read(id, version)).rejects.toBeInstanceOf(RevisionPrunedError);
              continue;
            }
            const after = await read(id, version);
            expect(sameJson(after.state, before[index][version - 1].state)).toBe(true);
            expect(after.version).toBe(version);
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
