import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#test/support/test-database.js';
import { Database } from './database.js';

/**
 * A connection PostgreSQL drops while the engine holds it (a restart, a killed backend) fails the
 * work on it with an error, never the process, and does not go back into the pool.
 */
describe('Database: a connection dropped while checked out', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Database;
  let admin: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.migrationUrl, max: 2 });
    db = new Database(pool);
    admin = new pg.Client({ connectionString: database.migrationUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await pool?.end();
    await database?.drop();
  });

  const terminate = (pid: number) => admin.query('select pg_terminate_backend($1)', [pid]);

  it('in a transaction: the transaction fails, the next query gets a fresh connection', async () => {
    const work = db.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
      await terminate(pid);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the 'error' event arrives while idle in the transaction
      await tx.query('select 1');
    });
    await expect(work).rejects.toThrow();
    expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('under an advisory lock: the process and the pool carry on, and the dead connection is not pooled again', async () => {
    let lost = 0;
    await db.withAdvisoryLock(4242, async () => {
      [{ pid: lost }] = await db.query<{ pid: number }>('select pid from pg_locks where locktype = $1 and objid = $2', ['advisory', 4242]);
      await terminate(lost);
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    const pids = await Promise.all([0, 1].map(() => db.transaction((tx) => tx.query<{ pid: number }>('select pg_backend_pid() as pid, pg_sleep(0.05)'))));
    expect(pids.flat().map((row) => row.pid)).not.toContain(lost);
  });
});
