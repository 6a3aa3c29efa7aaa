/**
 * Preloaded into the API process by the bench (`--import`): counts every `pg.Client#query` (one
 * round trip each) and writes the count to BENCH_QUERY_COUNT_FILE on SIGWINCH, a signal ignored by
 * default and not among those Nest's shutdown hooks listen to. Not part of the app.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  let count = 0;
  const original = pg.Client.prototype.query;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (original as (...args: unknown[]) => unknown).apply(this, args);
  };
  process.on('SIGWINCH', () => writeFileSync(file, String(count)));
}
