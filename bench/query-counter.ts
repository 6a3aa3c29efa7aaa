import pg from 'pg';

/** One query as the engine sent it: a named (prepared) statement, its text and its parameters. */
export interface SentQuery {
  name?: string;
  text: string;
  values: unknown[];
}

/**
 * Counts (and optionally records) every query any `pg.Client` of this process sends. `pg.Pool#query`
 * goes through `Client#query`, and pg waits for each answer before the next query on a connection,
 * so one call is one round trip to PostgreSQL.
 */
export class QueryCounter {
  count = 0;
  readonly sent: SentQuery[] = [];
  private original?: typeof pg.Client.prototype.query;

  start(record = false): this {
    const original = pg.Client.prototype.query;
    this.original = original;
    const counter = this;
    (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
      counter.count++;
      if (record) {
        const query = typeof config === 'string' ? { text: config, values: (values as unknown[]) ?? [] } : (config as { name?: string; text: string; values?: unknown[] });
        counter.sent.push({ name: query.name, text: query.text, values: [...(query.values ?? [])] });
      }
      return (original as (...args: unknown[]) => unknown).call(this, config, values, callback);
    };
    return this;
  }

  stop(): void {
    if (this.original) pg.Client.prototype.query = this.original;
    this.original = undefined;
  }
}
