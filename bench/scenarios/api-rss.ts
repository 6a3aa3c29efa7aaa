import type { ApiProcess } from '../api-process.js';
import { patchLoad, type PatchLoad } from '../http-load.js';
import { median, round, type RunStats } from '../measure.js';

export interface ApiRssResult {
  saves: number;
  savesPerSecond: number;
  /** Medians over the chunks between samples. */
  p50Ms: number;
  p99Ms: number;
  samples: { saves: number; rssMb: number; savesPerSecond: number; p99Ms: number }[];
  finalRssMb: number;
  /** RSS growth over the second half of the run, in percent of the mid-run sample. */
  secondHalfGrowthPercent: number;
  flat: boolean;
  /** Queries the API process sent per HTTP save (counted inside it), when it ran with the probe. */
  apiQueriesPerSave: number | null;
}

/**
 * Many HTTP saves in timed chunks (sized from `expectedRate` to give `samples` samples), sampling
 * the API process's RSS before the first chunk and after each, until `saves` saves are done.
 * "Flat" means the second half of the run grew RSS by at most 10 %.
 */
export async function measureApiRss(api: ApiProcess, load: PatchLoad, saves: number, samples: number, expectedRate: number, log: (line: string) => void): Promise<ApiRssResult> {
  // autocannon ends `amount` runs on a one-second tick, so chunks are timed instead.
  const chunkMs = Math.max(1000, Math.round((saves / samples / expectedRate) * 1000));
  const points: ApiRssResult['samples'] = [{ saves: 0, rssMb: await api.rssMb(), savesPerSecond: 0, p99Ms: 0 }];
  log(`  0 saves: RSS ${points[0].rssMb} MB`);
  const runs: RunStats[] = [];
  const before = await api.queryCount();
  for (let done = 0; done < saves; ) {
    const run = await patchLoad(load, { durationMs: Math.max(500, Math.min(chunkMs, ((saves - done) / expectedRate) * 1000)) });
    runs.push(run);
    done += run.ops;
    points.push({ saves: done, rssMb: await api.rssMb(), savesPerSecond: run.opsPerSecond, p99Ms: run.p99Ms });
    log(`  ${done} saves: RSS ${points.at(-1)!.rssMb} MB, ${run.opsPerSecond}/s, p99 ${run.p99Ms} ms`);
  }
  const after = await api.queryCount();
  const total = runs.reduce((sum, run) => sum + run.ops, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const mid = points[Math.floor(points.length / 2)].rssMb;
  const last = points.at(-1)!.rssMb;
  const growth = round(((last - mid) / mid) * 100, 1);
  return {
    saves: total,
    savesPerSecond: round(total / seconds, 1),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    samples: points,
    finalRssMb: last,
    secondHalfGrowthPercent: growth,
    flat: growth <= 10,
    apiQueriesPerSave: before !== undefined && after !== undefined ? round((after - before) / total, 3) : null,
  };
}
