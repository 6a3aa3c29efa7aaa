import type { PatchLoad } from '../http-load.js';
import { round } from '../measure.js';
import type { BenchOptions } from '../options.js';
import { pacedPatchLoad, type PacedRun } from '../paced-load.js';

export interface P99AtHalfLoadResult {
  /** The HTTP PATCH maximum the rate is half of (vsSqlCeiling's median run, or its own short run alone). */
  maxRate: number;
  rate: number;
  connections: number;
  runs: PacedRun[];
  /** The run whose ratio is the median. */
  median: PacedRun;
  ratio: number;
}

/**
 * HTTP PATCH p99 over p50 at half the measured maximum rate, paced (open loop, see paced-load.ts),
 * after a warm-up at the same rate; `repeats` runs, the median ratio reported.
 */
export async function measureP99AtHalfLoad(load: PatchLoad, maxRate: number, options: BenchOptions, log: (line: string) => void): Promise<P99AtHalfLoadResult> {
  const rate = maxRate / 2;
  await pacedPatchLoad(load, rate, options.http.warmupMs);
  const runs: PacedRun[] = [];
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    const run = await pacedPatchLoad(load, rate, options.http.durationMs);
    runs.push(run);
    log(`  p99AtHalfLoad #${repeat + 1}: ${run.opsPerSecond}/s of ${run.rate}/s asked, p50 ${run.p50Ms} ms, p90 ${run.p90Ms} ms, p99 ${run.p99Ms} ms, max ${run.maxMs} ms`);
  }
  const ratioOf = (run: PacedRun) => run.p99Ms / run.p50Ms;
  const median = [...runs].sort((a, b) => ratioOf(a) - ratioOf(b))[Math.floor((runs.length - 1) / 2)];
  return { maxRate: round(maxRate, 1), rate: round(rate, 1), connections: load.connections, runs, median, ratio: round(ratioOf(median), 3) };
}
