/** Timing helpers: concurrent workers, latencies with `performance.now()`, percentiles and medians. */

export interface RunStats {
  ops: number;
  seconds: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU per operation, where measured (see cpu.ts). */
  cpu?: { clientMs: number; serverMs: number; loadGeneratorMs?: number };
}

export type Until = { count: number } | { durationMs: number } | { while: () => boolean };

/**
 * Runs `operation` on `concurrency` workers until `until` is met and times every call. A worker
 * gets its index and a per-worker call counter, so it can keep to its own streams.
 */
export async function runWorkers(concurrency: number, until: Until, operation: (worker: number, call: number) => Promise<unknown>): Promise<RunStats> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: unknown;
  const t0 = performance.now();
  const more = (): boolean => {
    if ('count' in until) return started < until.count;
    if ('durationMs' in until) return performance.now() - t0 < until.durationMs;
    return until.while();
  };
  const worker = async (index: number) => {
    for (let call = 0; more(); call++) {
      started++;
      const begin = performance.now();
      try {
        await operation(index, call);
        latencies.push(performance.now() - begin);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const seconds = (performance.now() - t0) / 1000;
  if (errors > latencies.length / 100) throw new Error(`${errors} of ${started} operations failed; first: ${String((firstError as Error)?.stack ?? firstError)}`);
  return summarize(latencies, seconds, errors);
}

export function summarize(latencies: number[], seconds: number, errors = 0): RunStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    seconds: round(seconds, 3),
    opsPerSecond: round(sorted.length / seconds, 1),
    p50Ms: round(percentile(sorted, 0.5), 3),
    p99Ms: round(percentile(sorted, 0.99), 3),
    errors,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** The run whose throughput is the median of `runs` (its latencies come along with it). */
export function medianRun(runs: RunStats[]): RunStats {
  const sorted = [...runs].sort((a, b) => a.opsPerSecond - b.opsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Times `work` once, in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const begin = performance.now();
  const result = await work();
  return { result, ms: performance.now() - begin };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
