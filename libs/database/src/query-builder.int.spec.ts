import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#test/support/test-database.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { qb, run, runFirst } from './query-builder.js';

/** Built queries run through `Database`, so they join its ambient transaction (MikroORM's Kysely would not). */
describe('query builder: running built queries', () => {
  let database: TestDatabase;
  let opened: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    opened = await openDatabase({ url: database.url, migrationUrl: database.migrationUrl, dataDir: '.data' });
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });

  const pin = (id: string, label: string) =>
    qb
      .insertInto('revision_pins')
      .values({ stream_kind: 'dashboard', stream_id: id, version: 1, org_id: 'acme', label, pinned_by: 'ann', pinned_at: new Date('2026-12-04T10:00:00Z') })
      .returning(['label', 'pinned_at', 'version']);
  const find = (id: string) => qb.selectFrom('revision_pins').select(['label', 'version']).where('stream_id', '=', id);

  it('answers typed rows as the pool gives them (timestamptz as text)', async () => {
    const id = randomUUID();
    const row = await runFirst(opened.database, pin(id, 'release'));
    expect(row).toEqual({ label: 'release', version: 1, pinned_at: expect.stringMatching(/^2026-12-04 10:00:00\+00/) });
  });

  it('joins the ambient transaction: a rollback takes its writes along, and reads inside see them', async () => {
    const id = randomUUID();
    await expect(
      opened.database.inTransaction(async () => {
        await run(opened.database, pin(id, 'draft'));
        expect(await run(opened.database, find(id))).toEqual([{ label: 'draft', version: 1 }]);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await run(opened.database, find(id))).toEqual([]);
  });

  it('runs a named (prepared) statement again with other values', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await run(opened.database, pin(a, 'a'));
    await run(opened.database, pin(b, 'b'));
    expect(await run(opened.database, find(a), 'rewind_test_find_pin')).toEqual([{ label: 'a', version: 1 }]);
    expect(await run(opened.database, find(b), 'rewind_test_find_pin')).toEqual([{ label: 'b', version: 1 }]);
  });
});
