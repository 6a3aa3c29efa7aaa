import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { CommandBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '#database/database.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { CommandContext } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from '#revisions/commands/delete-entity/delete-entity.command.js';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { RestoreVersionCommand } from '#revisions/commands/restore-version/restore-version.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { RecentActivity, RecentActivityModule } from './recent-activity.module.js';

let database: TestDatabase;
let app: TestingModule;
let commands: CommandBus;
let activity: RecentActivity;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await Test.createTestingModule({ imports: [RewindCoreModule.forRoot({ url: database.url, migrationUrl: database.migrationUrl, dataDir: '.data' }), RecentActivityModule] }).compile();
  app.useLogger(['fatal']);
  await app.init();
  commands = app.get(CommandBus);
  activity = app.get(RecentActivity);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const newOrg = () => `org-${randomUUID().slice(0, 8)}`;
const context = (org: string): CommandContext => ({ actor: { id: 'erin', org, roles: ['admin'] } });
/** Handlers run as the bus delivers; a tick lets them finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('RevisionRecorded on the EventBus', () => {
  it('another module hears of every committed write: create, save, delete, restore', async () => {
    const org = newOrg();
    const created = await commands.execute(new CreateEntityCommand('dashboard', { title: 'Sales' }, context(org)));
    await commands.execute(new SaveEntityCommand('dashboard', created.id, { title: 'Sales 2026' }, 'partial', context(org)));
    await commands.execute(new DeleteEntityCommand('dashboard', created.id, context(org)));
    await commands.execute(new RestoreVersionCommand('dashboard', created.id, created.versionId, context(org)));
    await settle();

    const seen = activity.of(org);
    expect(seen.map((event) => [event.entityKind, event.entityId, event.version, event.operation])).toEqual([
      ['dashboard', created.id, 1, 'create'],
      ['dashboard', created.id, 2, 'update'],
      ['dashboard', created.id, 3, 'delete'],
      ['dashboard', created.id, 4, 'restore'],
    ]);
    expect(seen[1]).toMatchObject({ org, versionId: versionIdOf(created.id, 2), actor: { id: 'erin' } });
    expect(seen[1].changes).toEqual([{ kind: 'field', op: 'change', path: ['title'], from: 'Sales', to: 'Sales 2026' }]);
    expect(seen[3].changes).toEqual([{ kind: 'field', op: 'change', path: ['title'], from: 'Sales 2026', to: 'Sales' }]);
    // Positions are the store's, ascending within a stream.
    expect(seen.map((event) => event.position)).toEqual([...seen.map((event) => event.position)].sort((a, b) => a - b));
  });

  it('a refused write publishes nothing', async () => {
    const org = newOrg();
    const created = await commands.execute(new CreateEntityCommand('chart', { name: 'Orders', vizType: 'table' }, context(org)));
    await commands.execute(new SaveEntityCommand('chart', created.id, { name: 'Orders by day' }, 'partial', context(org)));
    // Stale If-Match touching the same field: 412, nothing appended.
    await expect(commands.execute(new SaveEntityCommand('chart', created.id, { name: 'Mine' }, 'partial', context(org), created.versionId))).rejects.toThrow();
    await expect(commands.execute(new SaveEntityCommand('chart', created.id, { vizType: 42 }, 'partial', context(org)))).rejects.toThrow();
    await settle();
    expect(activity.of(org).map((event) => event.version)).toEqual([1, 2]);
  });

  it('inside a transaction the news waits for the commit, and a rollback publishes nothing', async () => {
    const org = newOrg();
    const store = app.get(RevisionStore);
    const db = app.get(Database);
    const definition = app.get(DefinitionRegistry).get('dataset');
    const created = await commands.execute(new CreateEntityCommand('dataset', { tableName: 'orders' }, context(org)));
    const { document } = (await app.get(HeadRows).loadHead(definition, created.id, org))!;
    // What an importer appends: a copy under a new id, in its own transaction.
    const copyOf = (id: string) => ({
      type: 'Created' as const,
      data: { state: document },
      streamKind: 'dataset',
      streamId: id,
      version: 1,
      versionId: versionIdOf(id, 1),
      recordedAt: new Date().toISOString(),
      metadata: { actor: { id: 'importer' }, org },
    });

    const failed = db.transaction(async (tx) => {
      await store.appendCreated(definition, copyOf(randomUUID()), {}, tx);
      throw new Error('the import failed later');
    });
    await expect(failed).rejects.toThrow('the import failed later');
    await settle();
    expect(activity.of(org).map((event) => event.entityId)).toEqual([created.id]);

    const kept = randomUUID();
    await db.transaction(async (tx) => {
      await store.appendCreated(definition, copyOf(kept), {}, tx);
      await settle();
      expect(activity.of(org).map((event) => event.entityId)).toEqual([created.id]); // not committed yet
    });
    await settle();
    expect(activity.of(org).map((event) => event.entityId)).toEqual([created.id, kept]);
  });

  it('a retention baseline is news too', async () => {
    const org = newOrg();
    const created = await commands.execute(new CreateEntityCommand('dashboard', { title: 'v1' }, context(org)));
    for (const title of ['v2', 'v3']) await commands.execute(new SaveEntityCommand('dashboard', created.id, { title }, 'partial', context(org)));
    await commands.execute(new PruneRevisionsCommand({ days: 0, maxVersions: 1 }));
    await settle();
    const baseline = activity.of(org).find((event) => event.operation === 'baseline');
    expect(baseline).toMatchObject({ entityId: created.id, version: 2, changes: [] });
  });
});
