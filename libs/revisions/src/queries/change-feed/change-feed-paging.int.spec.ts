import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';
import type { Actor } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { ChangeFeedQuery, type ChangeFeedFilter } from './change-feed.query.js';

/**
 * Walking `/changes` page by page, with any page size and filter, yields exactly the org's records
 * in feed order: no gap, no duplicate, however deep the cursor. Random histories are drawn once
 * (fixed seed, FC_SEED to vary it); the expected order is read straight from the table.
 */
const SEED = Number(process.env.FC_SEED ?? 20261202);
const ORG = 'org-feed-paging';

let engine: TestEngine;
let reader: Actor;
const ids: string[] = [];

const editArb = fc.record({
  entity: fc.nat({ max: 3 }),
  title: fc.boolean(),
  description: fc.boolean(),
  refresh: fc.option(fc.nat({ max: 600 }), { nil: undefined }),
});

beforeAll(async () => {
  engine = await startTestEngine();
  reader = engine.actor('reader-1', ORG, 'viewer');
  const context = { actor: engine.actor('editor-1', ORG, 'editor') };
  const other = { actor: engine.actor('editor-2', 'org-feed-other', 'editor') };
  for (let i = 0; i < 4; i++) {
    const kind = i === 3 ? 'dataset' : 'dashboard';
    const input = kind === 'dataset' ? { tableName: `orders_${i}`, schema: 'public', database: 'warehouse' } : { title: `Board ${i}` };
    ids.push((await engine.commands.execute(new CreateEntityCommand(kind, input, context))).id);
  }
  // Another org's records sit between this org's in position order and must never show.
  const outsider = (await engine.commands.execute(new CreateEntityCommand('dashboard', { title: 'Elsewhere' }, other))).id;
  const edits = fc.sample(fc.array(editArb, { minLength: 40, maxLength: 40 }), { seed: SEED, numRuns: 1 })[0];
  for (const [n, edit] of edits.entries()) {
    const kind = edit.entity === 3 ? 'dataset' : 'dashboard';
    const input: Record<string, unknown> = { description: edit.description ? `note ${n}` : `plain ${n}` };
    if (edit.title) input[kind === 'dataset' ? 'tableName' : 'title'] = `renamed_${n}`;
    if (edit.refresh !== undefined && kind === 'dashboard') input.metadata = { refresh_frequency: edit.refresh + n };
    await engine.commands.execute(new SaveEntityCommand(kind, ids[edit.entity], input, 'partial', context));
    if (n % 7 === 0) await engine.commands.execute(new SaveEntityCommand('dashboard', outsider, { description: `other ${n}` }, 'partial', other));
  }
}, 120_000);
afterAll(async () => engine?.close());

/** The records a filter selects, in feed order, as the table holds them. */
async function expected(filter: ChangeFeedFilter): Promise<string[]> {
  const rows = await engine.db.query<{ key: string }>(
    `select entity_id || ':' || version || ':' || array_to_string(path, '.') as key from revision_changes
     where org_id = $1 and ($2::text is null or entity_kind = $2) and ($3::text is null or kind = $3) and ($4::uuid is null or entity_id = $4)
     order by position desc, sequence asc`,
    [ORG, filter.entityKind ?? null, filter.kind ?? null, filter.entityId ?? null],
  );
  return rows.map((row) => row.key);
}

async function walk(filter: ChangeFeedFilter, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.queries.execute(new ChangeFeedQuery(reader, filter, limit, cursor));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    keys.push(...page.items.map((item) => `${item.entityId}:${item.version}:${item.path.join('.')}`));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return keys;
}

describe('the change feed pages through everything once', () => {
  const filterArb = fc.oneof(
    fc.constant<ChangeFeedFilter>({}),
    fc.constant<ChangeFeedFilter>({ entityKind: 'dashboard' }),
    fc.constant<ChangeFeedFilter>({ kind: 'field' }),
    fc.nat({ max: 3 }).map((i): ChangeFeedFilter => ({ entityId: ids[i] })),
  );

  it('for any page size and filter: every record, in order, no gap, no duplicate', async () => {
    expect((await expected({})).length).toBeGreaterThan(60);
    await fc.assert(
      fc.asyncProperty(filterArb, fc.integer({ min: 1, max: 9 }), async (filter, limit) => {
        expect(await walk(filter, limit)).toEqual(await expected(filter));
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});
