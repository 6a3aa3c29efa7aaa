/**
 * Preloaded into the API process by the bench (`--import`): counts every `pg.Client#query` (one
 * round trip each) and writes the count to BENCH_QUERY_COUNT_FILE on SIGWINCH, a signal ignored by
 * default and not among those Nest's shutdown hooks listen to; beside it, the longest CPU slice of
 * the event loop since the last signal. Not part of the app.
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
  // The most CPU the main thread spent between two ticks of a 5 ms timer: the longest run of work
  // the event loop did in one piece, in CPU time, so a loaded machine does not inflate it. Timed
  // from the first SIGWINCH on (other scenarios run without the timer), written beside the count
  // and reset on each one.
  let longestSliceMs = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeSlices = () => {
    let last = process.threadCpuUsage();
    return setInterval(() => {
      const now = process.threadCpuUsage();
      longestSliceMs = Math.max(longestSliceMs, (now.user - last.user + now.system - last.system) / 1000);
      last = now;
    }, 5).unref();
  };
  process.on('SIGWINCH', () => {
    writeFileSync(`${file}-slice`, String(longestSliceMs));
    longestSliceMs = 0;
    timer ??= timeSlices();
    writeFileSync(file, String(count));
  });
}
