import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Database } from '#database/database.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { NewRevisionEvent } from '#revisions/event-store/revision-event.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { createEntity } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const WRITERS = 8;
const ROUNDS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomMs = (max: number) => Math.floor(Math.random() * max);

/**
 * The test-only write path: the engine's own one-statement append, run inside a transaction that
 * takes its transaction id first, then holds on with pg_sleep before and after appending. So
 * transaction ids, positions and commits come in three different orders, some writes roll back,
 * and a reader ordering by position alone would skip events that commit late.
 */
async function heldWrite(org: string, document: JsonObject, rollback: boolean): Promise<string | undefined> {
  const store = t.app.get(RevisionStore);
  const definition = t.app.get(DefinitionRegistry).get('dashboard');
  const id = randomUUID();
  const event: NewRevisionEvent = {
    type: 'Created',
    data: { state: { ...document, title: `held ${id}` } },
    streamKind: 'dashboard',
    streamId: id,
    version: 1,
    versionId: versionIdOf(id, 1),
    recordedAt: new Date().toISOString(),
    metadata: { actor: { id: 'writer' }, org },
  };
  try {
    return await t.app.get(Database).transaction(async (tx) => {
      await tx.query('select pg_current_xact_id()');
      await tx.query('select pg_sleep($1)', [randomMs(150) / 1000]);
      const { position } = await store.appendCreated(definition, event, {}, tx);
      await tx.query('select pg_sleep($1)', [randomMs(150) / 1000]);
      if (rollback) throw new Error('rolled back on purpose');
      return position;
    });
  } catch (error) {
    if (rollback) return undefined;
    throw error;
  }
}

describe('GET /api/v1/events under concurrent writers', () => {
  it(`${WRITERS} writers committing in shuffled order: the poller sees every committed event once, in feed order`, async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const integration = t.auth('poller', org, 'integration');
    const template = await createEntity(t, t.auth('writer', org, 'editor'), 'dashboards', { title: 'template' });
    const { document } = (await t.app.get(HeadRows).loadHead(t.app.get(DefinitionRegistry).get('dashboard'), template.id, org))!;
    const committed: string[] = [String((await t.db.query<{ position: string }>('select max(position) as position from revision_events'))[0].position)];
    let writing = true;

    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let round = 0; round < ROUNDS; round++) {
        const position = await heldWrite(org, document, (writer + round) % 7 === 3);
        if (position) committed.push(position);
        await sleep(randomMs(30));
      }
    });
    const done = Promise.all(writers).finally(() => (writing = false));

    const seen: number[] = [];
    let after = 0;
    // Small pages while the writers run, then until the feed is drained.
    for (let idle = 0; writing || idle < 3; ) {
      const response = await t.http.get(`/api/v1/events?after=${after}&limit=3`).set('Authorization', integration).expect(200);
      seen.push(...response.body.items.map((item: { position: number }) => item.position));
      after = response.body.nextAfter;
      idle = response.body.items.length || writing ? 0 : idle + 1;
      if (!response.body.items.length) await sleep(10);
    }
    await done;

    // Exactly once: every committed event, nothing rolled back, no repeats.
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(committed.map(Number).sort((a, b) => a - b));
    // In the feed's order: (transaction id, position), the same for every reader.
    const ordered = await t.db.query<{ position: string }>(
      `select position from revision_events where metadata ->> 'org' = $1 order by transaction_id, position`,
      [org],
    );
    expect(seen).toEqual(ordered.map((row) => Number(row.position)));
    // The hazard was real: positions did not arrive in ascending order.
    expect(seen).not.toEqual([...seen].sort((a, b) => a - b));
  }, 60_000);
});
