/** Sizes of every scenario: the full run and `--quick` (under 3 minutes on 2 cores). */
export interface BenchOptions {
  mode: 'quick' | 'full';
  /** Repeats of a cheap measurement; the median is reported. */
  repeats: number;
  /** Saves counted for round trips per save. */
  roundTripSaves: number;
  emmett: { streams: number; warmup: number; savesAtConcurrency1: number; savesAtConcurrency16: number };
  /** Connections (autocannon) and workers (raw replay) of the HTTP ceiling comparison. */
  http: { connections: number; warmupMs: number; durationMs: number };
  /** Saves through HTTP while the API's RSS is sampled, and how many samples. */
  rss: { saves: number; samples: number };
  /** Equal pages of 50 versions: a deep stream's (newest and half-way down) against a one-page stream's. */
  list: { deepVersions: number; shallowVersions: number; samples: number };
  storage: { edits: number };
  prune: { backlogEvents: number; versionsPerStream: number; concurrency: number; idleMs: number };
  /** Schema-version-1 events seeded before `npm run verify` folds the whole store. */
  verify: { events: number };
  /** Events in the store for the catch-up, and the HTTP load under which commit → handler lag is timed. */
  subscriptions: { events: number; runs: number; lagMs: number; connections: number };
  /** `--only=subscriptions`: run that scenario alone and write bench/results/<name>.json (`--only=bundleImport`, `--only=verifyStore`, `--only=bigListSave`, `--only=metricsOverhead`, `--only=startRssMb`, `--only=rebuildVsScan`, `--only=listDepth`, `--only=vsSqlCeiling` or `--only=p99AtHalfLoad`: print it). */
  only?: 'subscriptions' | 'bundleImport' | 'verifyStore' | 'bigListSave' | 'vsEmmett' | 'metricsOverhead' | 'startRssMb' | 'rebuildVsScan' | 'listDepth' | 'vsSqlCeiling' | 'p99AtHalfLoad';
  /** Bundle import vs one-by-one creation, and the YAML size of the bundle whose import RSS is measured. */
  bundles: { dashboards: number; charts: number; rssYamlMb: number };
  /** Chart saves of a 50,000-item list: CPU per save, and /health during a burst of them. */
  bigList: { items: number; saves: number; burst: number };
  /** First pages of `/events` and `/changes` on a store of `deepEvents` against one of `shallowEvents`. */
  feeds: { deepEvents: number; shallowEvents: number; samples: number };
}

export function benchOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const only = (['subscriptions', 'bundleImport', 'verifyStore', 'bigListSave', 'vsEmmett', 'metricsOverhead', 'startRssMb', 'rebuildVsScan', 'listDepth', 'vsSqlCeiling', 'p99AtHalfLoad'] as const).find((name) => argv.includes(`--only=${name}`));
  if (quick) {
    return {
      only,
      mode: 'quick',
      repeats: 3,
      roundTripSaves: 200,
      emmett: { streams: 64, warmup: 200, savesAtConcurrency1: 500, savesAtConcurrency16: 1500 },
      http: { connections: 16, warmupMs: 1500, durationMs: 4000 },
      rss: { saves: 10_000, samples: 5 },
      list: { deepVersions: 10_000, shallowVersions: 50, samples: 200 },
      storage: { edits: 500 },
      prune: { backlogEvents: 100_000, versionsPerStream: 100, concurrency: 4, idleMs: 5000 },
      verify: { events: 100_000 },
      subscriptions: { events: 100_000, runs: 2, lagMs: 4000, connections: 16 },
      bundles: { dashboards: 100, charts: 10, rssYamlMb: 50 },
      bigList: { items: 50_000, saves: 5, burst: 4 },
      feeds: { deepEvents: 1_000_000, shallowEvents: 1000, samples: 200 },
    };
  }
  return {
    only,
    mode: 'full',
    repeats: 3,
    roundTripSaves: 1000,
    emmett: { streams: 64, warmup: 500, savesAtConcurrency1: 2000, savesAtConcurrency16: 6000 },
    http: { connections: 16, warmupMs: 3000, durationMs: 15_000 },
    rss: { saves: 100_000, samples: 10 },
    list: { deepVersions: 10_000, shallowVersions: 50, samples: 500 },
    storage: { edits: 2000 },
    prune: { backlogEvents: 1_000_000, versionsPerStream: 100, concurrency: 4, idleMs: 15_000 },
    verify: { events: 1_000_000 },
    subscriptions: { events: 1_000_000, runs: 3, lagMs: 15_000, connections: 16 },
    bundles: { dashboards: 100, charts: 10, rssYamlMb: 50 },
    bigList: { items: 50_000, saves: 10, burst: 8 },
    feeds: { deepEvents: 1_000_000, shallowEvents: 1000, samples: 500 },
  };
}
