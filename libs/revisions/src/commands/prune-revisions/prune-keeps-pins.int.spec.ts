import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';
import { sameJson } from '#revisions/document/json.js';
import { RevisionPrunedError } from '#revisions/errors.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { DiffVersionsQuery } from '#revisions/queries/diff-versions/diff-versions.query.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { PinVersionCommand } from '#revisions/commands/pin-version/pin-version.command.js';
import { RestoreVersionCommand } from '#revisions/commands/restore-version/restore-version.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { PruneRevisionsCommand } from './prune-revisions.command.js';

const DAY = 86_400_000;

describe('pinned versions survive retention', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ snapshotEvery: 3 });
  });
  afterAll(() => engine.close());

  const admin = () => ({ actor: engine.actor('ada', 'acme', 'admin') });

  /** Per version, its age in days (oldest first) and whether it gets pinned. */
  const history = fc
    .array(fc.record({ age: fc.integer({ min: 0, max: 60 }), pinned: fc.boolean() }), { minLength: 1, maxLength: 9 })
    .map((versions) => {
      const ages = versions.map((v) => v.age).sort((a, b) => b - a);
      return versions.map((v, i) => ({ age: ages[i], pinned: v.pinned }));
    });
  const policy = fc.record({ days: fc.constantFrom(0, 10, 30), maxVersions: fc.constantFrom(0, 1, 2, 4) });

  it('after a prune every pinned and every retained version reconstructs, diffs and restores as before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 2 }), policy, async (histories, retention) => {
        const now = new Date('2027-06-01T00:00:00.000Z').getTime();
        const streams: { id: string; versions: number; pinned: Set<number> }[] = [];
        for (const versions of histories) {
          engine.clock.set(new Date(now - versions[0].age * DAY));
          const created = await engine.commands.execute(new CreateEntityCommand('chart', { name: 'v1', vizType: 'line', params: { step: 1 } }, admin()));
          for (const [index, { age }] of versions.slice(1).entries()) {
            engine.clock.set(new Date(now - age * DAY));
            await engine.commands.execute(new SaveEntityCommand('chart', created.id, { name: `v${index + 2}`, params: { step: index + 2, [`k${index}`]: index } }, 'partial', admin()));
          }
          const pinned = new Set(versions.flatMap((v, i) => (v.pinned ? [i + 1] : [])));
          for (const version of pinned) {
            await engine.commands.execute(new PinVersionCommand('chart', created.id, versionIdOf(created.id, version), `release ${version}`, admin()));
          }
          streams.push({ id: created.id, versions: versions.length, pinned });
        }
        engine.clock.set(new Date(now));
        const read = (id: string, version: number) => engine.queries.execute(new GetVersionQuery('chart', id, versionIdOf(id, version), admin().actor));
        const diffToHead = (id: string, version: number) => engine.queries.execute(new DiffVersionsQuery('chart', id, versionIdOf(id, version), undefined, admin().actor));
        const before = await Promise.all(streams.map(({ id, versions }) => Promise.all(Array.from({ length: versions }, (_, i) => read(id, i + 1)))));
        const diffsBefore = await Promise.all(streams.map(({ id, pinned }) => Promise.all([...pinned].map((version) => diffToHead(id, version)))));

        engine.clock.set(new Date(now)); // the test clock ticks per reading: both runs must share one cutoff
        await engine.commands.execute(new PruneRevisionsCommand(retention, 2));

        for (const [index, { id, versions, pinned }] of streams.entries()) {
          const stored = new Set((await engine.db.query<{ version: number }>('select version from revision_events where stream_id = $1', [id])).map((row) => row.version));
          // Pins are never pruned; the unpinned versions kept are one run up to the head.
          for (const version of pinned) expect(stored.has(version)).toBe(true);
          expect(stored.has(versions)).toBe(true);
          const oldestUnpinned = Math.min(...[...stored].filter((version) => !pinned.has(version)));
          for (let version = oldestUnpinned; version <= versions; version++) expect(stored.has(version)).toBe(true);
          for (let version = 1; version <= versions; version++) {
            if (!stored.has(version)) {
              await expect(read(id, version)).rejects.toBeInstanceOf(RevisionPrunedError);
              continue;
            }
            const after = await read(id, version);
            expect(after.version).toBe(version);
            expect(sameJson(after.state, before[index][version - 1].state)).toBe(true);
            expect(after.pin?.label ?? null).toBe(pinned.has(version) ? `release ${version}` : null);
          }
          for (const [i, version] of [...pinned].entries()) {
            expect((await diffToHead(id, version)).changes).toEqual(diffsBefore[index][i].changes);
            const restore = await engine.commands.execute(new RestoreVersionCommand('chart', id, versionIdOf(id, version), admin(), { dryRun: true }));
            expect(restore.changes).toEqual(diffsBefore[index][i].changes.length ? expect.any(Array) : []);
          }
        }
        // A second run at the same moment finds nothing left to do.
        engine.clock.set(new Date(now));
        expect(await engine.commands.execute(new PruneRevisionsCommand(retention, 2))).toMatchObject({ prunedEvents: 0, compactedStreams: 0 });
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});
