import { randomUUID } from 'node:crypto';
import { EventBus } from '@nestjs/cqrs';
import { describe, expect, it } from 'vitest';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import { Database } from '#database/database.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import { RevisionRecorded } from '#revisions/event-feed/revision-recorded.event.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { countEvents, uid } from '../support/entity-fixtures.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

function recorded(): RevisionRecorded[] {
  const seen: RevisionRecorded[] = [];
  t.app.get(EventBus).subscribe((event) => event instanceof RevisionRecorded && seen.push(event));
  return seen;
}

describe('one transaction per bundle', () => {
  it('writes made through the engine inside inTransaction are all rolled back by a failure, and publish nothing', async () => {
    const db = t.app.get(Database);
    const writer = t.app.get(EntityStreams);
    const chart = t.app.get(DefinitionRegistry).get('chart');
    const seen = recorded();
    const before = await countEvents(t);
    const context = { actor: { id: 'importer', org: `org-${uid()}`, roles: ['admin' as const] } };
    await expect(
      db.inTransaction(async () => {
        await writer.create(chart, randomUUID(), { ...emptyDocument(chart), name: 'a', vizType: 'table' }, {}, context);
        await writer.create(chart, randomUUID(), { ...emptyDocument(chart), name: 'b', vizType: 'table' }, {}, context);
        throw new Error('the third file was bad');
      }),
    ).rejects.toThrow('the third file was bad');
    expect(await countEvents(t)).toBe(before);
    expect(seen).toEqual([]);
  });

  it('a committed import publishes one RevisionRecorded per appended version, after the commit', async () => {
    const seen = recorded();
    const builder = new SupersetBundleBuilder();
    builder.chart(builder.dataset());
    const org = `org-${uid()}`;
    const result = await t.commands.execute(new ImportBundleCommand(await builder.zip(), { actor: { id: 'importer', org, roles: ['admin'] } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ours = seen.filter((event) => event.org === org);
    expect(ours.map((event) => [event.entityKind, event.operation])).toEqual([
      ['dataset', 'create'],
      ['chart', 'create'],
    ]);
    expect(ours.map((event) => event.entityId)).toEqual(result.items.map((item) => item.id));
  });
});
