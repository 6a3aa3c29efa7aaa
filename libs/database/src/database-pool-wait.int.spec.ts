import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#test/support/test-database.js';
import { Database } from './database.js';

/** One connection, so a second caller must wait for it: what /metrics reports as pool wait. */
describe('Database: the wait for a pooled connection', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.migrationUrl, max: 1 });
    db = new Database(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('is heard per acquire: near zero on an idle pool, the holder\'s time while another holds the only connection', async () => {
    const waits: number[] = [];
    db.observePoolWait((seconds) => waits.push(seconds));
    await db.query('select 1');
    expect(waits).toHaveLength(1);

    let queued!: Promise<unknown>;
    await db.transaction(async (tx) => {
      queued = db.query('select 1'); // needs the connection this transaction holds
      await tx.query('select pg_sleep(0.2)');
    });
    await queued;
    expect(waits).toHaveLength(3); // the transaction's acquire, then the queued query's
    expect(waits[2]).toBeGreaterThanOrEqual(0.15);
  });

  it('a failed statement fails its caller and leaves the pool usable, as pool.query did', async () => {
    await expect(db.query('select 1/0')).rejects.toMatchObject({ code: '22012' });
    expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
  });
});
