import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { RestoreVersionCommand } from '#revisions/commands/restore-version/restore-version.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import type { JsonObject } from '#revisions/document/json.js';
import { EntityNotFoundError, RevisionPrunedError } from '#revisions/errors.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { ChangeFeedQuery, type ChangeFeedItem } from '#revisions/queries/change-feed/change-feed.query.js';
import { DiffVersionsQuery } from '#revisions/queries/diff-versions/diff-versions.query.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import { ListEventsQuery } from '#revisions/queries/list-events/list-events.query.js';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { VerifyStreamsQuery } from '#revisions/queries/verify-streams/verify-streams.query.js';
import { TestClock } from '#test/support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '#test/support/test-database.js';
import { widgetV1, widgetV2, widgetV3 } from './widget.definitions.js';
import { widgetSchema } from './widget.schema.js';
import { startWidgetEngine, type WidgetEngine } from './widget-engine.js';
import { createWidget, currentFields, documentFields, headVersion, historyV1, readAllVersions, runSteps, stepsV2, upgradeApiState } from './widget-histories.js';

/**
 * Histories written by an old build (schema v1, some continued under v2) are read by the new build
 * (v3: `name` → `title`, `color` → `appearance.color`, tiles re-keyed) after the deploy's migration.
 * Random histories are drawn once (fixed seed, FC_SEED to vary it); every property is checked on
 * all of them, on real PostgreSQL.
 */
const SEED = Number(process.env.FC_SEED ?? 20261201);
const STREAMS = 14;

let database: TestDatabase;
let engine: WidgetEngine;
const clock = new TestClock();
/** Per widget: every version's state as v3 must show it (written before the deploy, upgraded by hand). */
const expected = new Map<string, Map<number, JsonObject>>();
const ids: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const histories = fc.sample(historyV1, { seed: SEED, numRuns: STREAMS });
  const continued = fc.sample(stepsV2, { seed: SEED + 1, numRuns: STREAMS / 2 });

  // 1. The old build (v1) writes the histories, with a snapshot every 3 versions.
  let old = await startWidgetEngine(database.migrationUrl, widgetV1, clock, { snapshotEvery: 3 });
  await widgetSchema.createV1(database.migrationUrl);
  for (const history of histories) {
    const id = await createWidget(old, history.created);
    await runSteps(old, id, history.steps);
    ids.push(id);
    expected.set(id, new Map([...(await readAllVersions(old, id))].map(([version, state]) => [version, upgradeApiState(state, 1)])));
  }
  await old.close();

  // 2. A v2 build continues half of them.
  await widgetSchema.upgradeToV2(database.migrationUrl);
  old = await startWidgetEngine(database.migrationUrl, widgetV2, clock, { snapshotEvery: 3 });
  for (const [index, steps] of continued.entries()) {
    const id = ids[index];
    const from = (await headVersion(old, id)) + 1;
    await runSteps(old, id, steps);
    for (const [version, state] of await readAllVersions(old, id, from)) expected.get(id)!.set(version, upgradeApiState(state, 2));
  }
  await old.close();

  // 3. The deploy: the projection migration, then the new build.
  await widgetSchema.upgradeToV3(database.migrationUrl);
  engine = await startWidgetEngine(database.migrationUrl, widgetV3, clock, { snapshotEvery: 3 });
}, 180_000);

afterAll(async () => {
  await engine?.close();
  await database?.drop();
});

const actor = () => engine.actor;
const versionsOf = async (id: string) => (await engine.queries.execute(new ListVersionsQuery('widget', id, actor(), 100))).items;
const skipDeleted = (error: unknown) => {
  if (error instanceof EntityNotFoundError) return undefined;
  throw error;
};
const OLD_PATHS = (path: string[]) => path[0] === 'name' || path[0] === 'color' || (path[0] === 'tiles' && !path[1]?.startsWith('tile-'));

describe('a history written under schema v1 and v2, read under v3', () => {
  it('reads every version in the current shape: fold(upcast(events)) = upgrade(fold(events))', async () => {
    for (const id of ids) expect(await readAllVersions(engine, id)).toEqual(expected.get(id));
  });

  it('the migrated projection equals the fold, and so does a rebuild', async () => {
    const heads = async () => Promise.all(ids.map((id) => currentFields(engine, id).catch(() => 'deleted')));
    const migrated = await heads();
    const folded = ids.map((id) => expected.get(id)!);
    migrated.forEach((head, index) => head !== 'deleted' && expect(head).toEqual(folded[index].get(folded[index].size)));
    const listed = await Promise.all(ids.map(versionsOf));

    await engine.commands.execute(new RebuildProjectionsCommand());
    expect(await heads()).toEqual(migrated);
    // The change log re-derived from upcast events equals the stored records upcast on read.
    expect(await Promise.all(ids.map(versionsOf))).toEqual(listed);
  });

  it('lists versions, the change feed and the /events feed with current paths only', async () => {
    for (const id of ids) for (const item of await versionsOf(id)) for (const change of item.changes) expect(OLD_PATHS(change.path), JSON.stringify(change)).toBe(false);
    const feed: ChangeFeedItem[] = [];
    for (let cursor: string | undefined, page; !page || cursor; cursor = page.nextCursor ?? undefined) {
      page = await engine.queries.execute(new ChangeFeedQuery(actor(), { entityKind: 'widget' }, 100, cursor));
      feed.push(...page.items);
    }
    expect(feed.length).toBeGreaterThan(0);
    for (const change of feed) expect(OLD_PATHS(change.path), JSON.stringify(change)).toBe(false);
    expect(feed.some((change) => change.kind === 'color_palette' && change.path.join('.') === 'appearance.color')).toBe(true);
    const events = await engine.queries.execute(new ListEventsQuery(actor(), '0', 1000));
    expect(events.items.length).toBeGreaterThan(STREAMS);
    for (const event of events.items) for (const change of event.changes) expect(OLD_PATHS(change.path), JSON.stringify(change)).toBe(false);
  });

  it('a diff across the change lists only what really changed, not the rename', async () => {
    for (const id of ids) {
      const before = await headVersion(engine, id);
      const saved = await engine.commands.execute(new SaveEntityCommand('widget', id, { title: 'Renamed after the deploy' }, 'partial', { actor: actor() })).catch(skipDeleted);
      if (!saved) continue;
      const old = expected.get(id)!.get(before)!;
      expected.get(id)!.set(saved.entity.version, { ...old, title: 'Renamed after the deploy' });
      const diff = await engine.queries.execute(new DiffVersionsQuery('widget', id, versionIdOf(id, before), undefined, actor()));
      const changes = old.title === 'Renamed after the deploy' ? [] : [{ kind: 'field', op: 'change', path: ['title'], from: old.title, to: 'Renamed after the deploy' }];
      expect(diff.changes).toEqual(changes);
    }
  });

  it('restoring a version written under v1 gives the current shape', async () => {
    for (const id of ids) {
      const result = await engine.commands.execute(new RestoreVersionCommand('widget', id, versionIdOf(id, 1), { actor: actor() }));
      const { owners: _o, tags: _t, ...restored } = result.entity as JsonObject;
      const { owners: _o1, tags: _t1, ...first } = expected.get(id)!.get(1)!;
      expect(restored).toMatchObject(first);
      const head = await headVersion(engine, id);
      expected.get(id)!.set(head, (await readAllVersions(engine, id, head)).get(head)!);
      expect(await currentFields(engine, id)).toEqual(expected.get(id)!.get(head));
    }
  });

  it('retention compaction across the boundary keeps every retained version readable', async () => {
    await engine.commands.execute(new PruneRevisionsCommand({ days: 0, maxVersions: 4 }));
    for (const id of ids) {
      const head = await headVersion(engine, id);
      for (let version = 1; version <= head; version++) {
        const read = engine.queries.execute(new GetVersionQuery('widget', id, versionIdOf(id, version), actor()));
        if (version < head - 4) await expect(read).rejects.toBeInstanceOf(RevisionPrunedError);
        else expect(documentFields((await read).state)).toEqual(expected.get(id)!.get(version));
      }
    }
    const baselines = await engine.db.query<{ schema_version: number }>(`select schema_version from revision_events where type = 'Baseline'`);
    expect(baselines.length).toBeGreaterThan(0);
    expect(baselines.every((row) => row.schema_version === 3)).toBe(true);
  });

  it('npm run verify reads every stream in the current shape, and names each one that is not', async () => {
    expect(await engine.queries.execute(new VerifyStreamsQuery())).toMatchObject({ streams: STREAMS, failures: [] });
    // A version this build does not know (written by a newer build), and a kind it does not serve.
    const [future, stranger] = [randomUUID(), randomUUID()];
    const insert = `insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, schema_version, org_id)
                    values ($1, $2, 1, $3, 'Created', '{"state": {}}', '{"actor": {"id": "x"}, "org": "org-widgets"}', $4, 'org-widgets')`;
    await engine.db.query(insert, ['widget', future, versionIdOf(future, 1), 4]);
    await engine.db.query(insert, ['gadget', stranger, versionIdOf(stranger, 1), 1]);
    const result = await engine.queries.execute(new VerifyStreamsQuery(undefined, 7));
    expect(result.failures).toEqual([
      { kind: 'gadget', id: stranger, version: 1, reason: 'no definition for kind gadget' },
      { kind: 'widget', id: future, version: 1, reason: 'widget data has schema version 4; this build reads versions 1 to 3' },
    ]);
  });
});
