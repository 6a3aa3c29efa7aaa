import type { ApiProcess } from '../api-process.js';
import { patchLoad, type PatchLoad } from '../http-load.js';
import { median, round, type RunStats } from '../measure.js';
import type { BenchOptions } from '../options.js';

export interface MetricsOverheadResult {
  /** HTTP saves/s with METRICS_ENABLED=true over false (medians of alternating runs). */
  ratio: number;
  on: { savesPerSecond: number; p50Ms: number; p99Ms: number; runs: number[] };
  off: { savesPerSecond: number; p50Ms: number; p99Ms: number; runs: number[] };
  connections: number;
  durationMs: number;
  /** GET /metrics scrapes during each metrics-on run, as a Prometheus server would (every second here, 15 s by default). */
  scrapesPerRun: number;
}

type Side = 'on' | 'off';

/**
 * The price of the metrics on the save path: two APIs as `npm start` runs them, one with
 * METRICS_ENABLED=true and one with false, on the same database, each PATCHing its own dashboards;
 * runs alternate (on, off, off, on, …) so drift and neighbours' load fall on both sides alike.
 * The metrics-on API is scraped once a second during its runs, so the scrape's cost is counted too.
 */
export async function measureMetricsOverhead(
  start: (env: NodeJS.ProcessEnv) => Promise<ApiProcess>,
  loadFor: (api: ApiProcess, side: Side) => Promise<PatchLoad>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<MetricsOverheadResult> {
  const { connections, warmupMs, durationMs } = options.http;
  const apis = { on: await start({ METRICS_ENABLED: 'true' }), off: await start({ METRICS_ENABLED: 'false' }) };
  try {
    const loads = { on: await loadFor(apis.on, 'on'), off: await loadFor(apis.off, 'off') };
    for (const side of ['on', 'off'] as const) await patchLoad(loads[side], { durationMs: warmupMs });
    const runs: Record<Side, RunStats[]> = { on: [], off: [] };
    let scrapes = 0;
    for (let pass = 0; pass < options.repeats * 2; pass++) {
      for (const side of pass % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        const scraper = side === 'on' ? scrapeEverySecond(apis.on.url, () => scrapes++) : undefined;
        runs[side].push(await patchLoad(loads[side], { durationMs }));
        await scraper?.stop();
      }
      log(`  round ${pass + 1}: on ${runs.on.at(-1)!.opsPerSecond}/s, off ${runs.off.at(-1)!.opsPerSecond}/s`);
    }
    const summary = (side: Side) => ({
      savesPerSecond: median(runs[side].map((run) => run.opsPerSecond)),
      p50Ms: median(runs[side].map((run) => run.p50Ms)),
      p99Ms: median(runs[side].map((run) => run.p99Ms)),
      runs: runs[side].map((run) => run.opsPerSecond),
    });
    const on = summary('on');
    const off = summary('off');
    return { ratio: round(on.savesPerSecond / off.savesPerSecond, 3), on, off, connections, durationMs, scrapesPerRun: round(scrapes / runs.on.length, 1) };
  } finally {
    await Promise.all([apis.on.stop(), apis.off.stop()]);
  }
}

function scrapeEverySecond(url: string, scraped: () => void): { stop(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const timer = setInterval(() => {
    const scrape = fetch(`${url}/metrics`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
        await response.text();
        scraped();
      })
      .catch((error: unknown) => void (failure ??= error))
      .finally(() => inFlight.delete(scrape));
    inFlight.add(scrape);
  }, 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      if (failure) throw failure;
    },
  };
}
