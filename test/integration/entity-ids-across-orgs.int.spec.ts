import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { VersionConflictError } from '#revisions/errors.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';

/**
 * Keys are per org (org_id is in each of them), yet an entity id names one stream in the whole
 * store: a create given an id that another org holds is refused and changes nothing there.
 */
describe('an entity id held by another org', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(() => engine?.close());

  const create = (org: string, id: string, title: string) =>
    engine.commands.execute(new CreateEntityCommand('dashboard', { title }, { actor: engine.actor('ada', org, 'admin') }, id));

  it('is refused as a conflict, and the holder\'s entity and history stay as they were', async () => {
    const id = randomUUID();
    await create('org-first', id, 'Mine');
    await expect(create('org-second', id, 'Also mine')).rejects.toBeInstanceOf(VersionConflictError);
    const [{ n }] = await engine.db.query<{ n: number }>('select count(*)::int as n from revision_events where stream_id = $1', [id]);
    expect(n).toBe(1);
    const held = await engine.queries.execute(new GetEntityQuery('dashboard', id, engine.actor('ada', 'org-first', 'viewer')));
    expect(held).toMatchObject({ id, title: 'Mine', version: 1 });
  });
});
