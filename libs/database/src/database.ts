import { AsyncLocalStorage } from 'node:async_hooks';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

export type SqlParam = unknown;

/** A query that carries a name is prepared once per connection and reused (hot paths). */
export interface SqlQuery {
  text: string;
  values?: SqlParam[];
  name?: string;
}

export interface SqlExecutor {
  query<Row extends object = Record<string, unknown>>(query: SqlQuery | string, values?: SqlParam[]): Promise<Row[]>;
  /** Runs `callback` once what was written through this executor is committed; never after a rollback. */
  afterCommit(callback: () => void): void;
}

/** An explicit transaction's executor, which can also bulk load. */
export interface TransactionExecutor extends SqlExecutor {
  /**
   * Sends `text` (rows in COPY's text format, each ending in a newline) through `statement`
   * (`copy … from stdin`). Statements queued after it run once the copy is done.
   */
  copyFrom(statement: string, text: string): Promise<void>;
}

/** A connection of its own, for session state such as advisory locks; `release` closes it. */
export interface ReservedSession extends SqlExecutor {
  release(): void;
}

/**
 * Plain parameterised SQL over the pool that MikroORM owns. The engine writes explicit statements
 * (one round trip per save) instead of loading and flushing entity graphs.
 */
export class Database implements SqlExecutor {
  /** The connection of the `inTransaction` block the current async call runs in, if any. */
  private readonly ambient = new AsyncLocalStorage<{ client: pg.PoolClient; committed: (() => void)[] }>();

  private poolWaitListener: ((seconds: number) => void) | undefined;

  constructor(private readonly pool: pg.Pool) {}

  async query<Row extends object = Record<string, unknown>>(query: SqlQuery | string, values?: SqlParam[]): Promise<Row[]> {
    const transaction = this.ambient.getStore();
    if (transaction) return runOn<Row>(transaction.client, query, values);
    return this.queryOnPool<Row>(query, values);
  }

  /** `listener` hears how long each acquire of this Database waited for a pooled connection, in seconds (for /metrics). */
  observePoolWait(listener: ((seconds: number) => void) | undefined): void {
    this.poolWaitListener = listener;
  }

  /** Connections open, idle, and callers queued for one: what /metrics reports of the pool. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /** Statements on the pool commit on their own; inside `inTransaction`, the callback waits for its commit. */
  afterCommit(callback: () => void): void {
    const transaction = this.ambient.getStore();
    if (transaction) transaction.committed.push(callback);
    else callback();
  }

  /**
   * A connection taken out of the pool for good: released, it is closed rather than reused, so no
   * session state (an advisory lock) outlives its holder.
   */
  async reserve(): Promise<ReservedSession> {
    const client = await this.acquire();
    client.on('error', () => undefined); // a dropped connection fails the next query instead of the process
    return {
      query: <Row extends object>(query: SqlQuery | string, values?: SqlParam[]) => runOn<Row>(client, query, values),
      afterCommit: (callback) => callback(),
      release: () => client.release(true),
    };
  }

  /**
   * Runs `work` in one transaction that every `query` made inside it joins, however deep the call:
   * a batch of engine writes (a bundle import) commits or rolls back as one, through the same
   * statements a single save uses. A nested call joins the outer transaction.
   */
  async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.ambient.getStore()) return work();
    return this.runTransaction((client, committed) => this.ambient.run({ client, committed }, work));
  }

  /**
   * Runs `work` only if this session gets the advisory lock `key` (held on a connection of its own
   * for the duration); another holder means someone else is doing the work: returns `skipped`.
   */
  async withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<{ skipped: true } | { skipped: false; result: T }> {
    const client = await this.acquire();
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
      if (!rows[0].locked) return { skipped: true };
      try {
        return { skipped: false, result: await work() };
      } finally {
        // A lost connection took its lock with it: closed, not pooled again.
        broken = await client.query('select pg_advisory_unlock($1)', [key]).then(() => undefined, (failed: Error) => failed);
      }
    } finally {
      client.release(broken);
    }
  }

  /** Runs `work` in one transaction on one connection; a throw rolls it back. */
  async transaction<T>(work: (tx: TransactionExecutor) => Promise<T>): Promise<T> {
    return this.runTransaction((client, committed) =>
      work({
        query: <Row extends object>(query: SqlQuery | string, values?: SqlParam[]) => runOn<Row>(client, query, values),
        afterCommit: (callback) => committed.push(callback),
        copyFrom: (statement, text) => copyInto(client, statement, text),
      }),
    );
  }

  /** BEGIN … COMMIT on a pooled connection; the after-commit callbacks run only once it committed. */
  private async runTransaction<T>(work: (client: pg.PoolClient, committed: (() => void)[]) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    const committed: (() => void)[] = [];
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const result = await work(client, committed);
      await client.query('commit');
      for (const callback of committed) callback();
      return result;
    } catch (error) {
      // A rollback that fails means the connection is gone: it is closed, not pooled again.
      broken = await client.query('rollback').then(() => undefined, (failed: Error) => failed);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** What pg's pool.query does, through `acquire` so the wait is timed: after any error the connection is closed, not reused. */
  private async queryOnPool<Row extends object>(query: SqlQuery | string, values?: SqlParam[]): Promise<Row[]> {
    const client = await this.acquire();
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.removeListener('error', release);
      client.release(error);
    };
    client.once('error', release); // a connection dropped mid-query fails the query, not the process
    try {
      const rows = await runOn<Row>(client, query, values);
      release();
      return rows;
    } catch (error) {
      release(error as Error);
      throw error;
    }
  }

  /** The one way this Database takes a connection from the pool: timed from the ask to the answer. */
  private async acquire(): Promise<pg.PoolClient> {
    const listener = this.poolWaitListener;
    const asked = listener && performance.now();
    const client = await this.pool.connect();
    if (listener) listener((performance.now() - asked!) / 1000);
    // The pool listens for errors only on idle connections: one dropped while checked out would
    // otherwise be an uncaught 'error' that ends the process. Its work fails through the query instead.
    if (!client.listeners('error').includes(ignoreDroppedConnection)) client.on('error', ignoreDroppedConnection);
    return client;
  }
}

function ignoreDroppedConnection(): void {}

async function runOn<Row extends object>(
  client: pg.Pool | pg.PoolClient,
  query: SqlQuery | string,
  values?: SqlParam[],
): Promise<Row[]> {
  const config = typeof query === 'string' ? { text: query, values } : query;
  return (await client.query(config)).rows as Row[];
}

async function copyInto(client: pg.PoolClient, statement: string, text: string): Promise<void> {
  const stream = client.query(copyFromStdin(statement));
  stream.end(text);
  await finished(stream);
}
