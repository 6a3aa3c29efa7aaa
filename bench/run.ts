/**
 * `npm run bench [-- --quick]`: starts its own embedded PostgreSQL, seeds it, runs every scenario
 * side by side, writes bench/results/latest.json and regenerates docs/benchmarks.md.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mintToken } from '#cli/mint-token.js';
import { buildApi, startApi, type ApiProcess } from './api-process.js';
import { startBenchPostgres } from './bench-postgres.js';
import { BENCH_ORG, BENCH_USER, startBenchEngine } from './engine.js';
import { createFixtures } from './fixtures.js';
import { machineFacts } from './machine.js';
import { benchOptions } from './options.js';
import { buildReport, PROD_RSS_TARGET_MB, subscriptionLine, writeReport, type RatioName } from './report.js';
import { writeFile } from 'node:fs/promises';
import { measureApiRss } from './scenarios/api-rss.js';
import { measureBundleImport, type BundleImportResult } from './scenarios/bundle-import.js';
import { measureBigListSave } from './scenarios/big-list-save.js';
import { measureMetricsOverhead, type MetricsOverheadResult } from './scenarios/metrics-overhead.js';
import { measureListDeepVsShallow, type ListDeepVsShallowResult } from './scenarios/list-deep-vs-shallow.js';
import { measureFeedDeepVsShallow, type FeedDeepVsShallowResult } from './scenarios/feed-deep-vs-shallow.js';
import { measurePruneP99 } from './scenarios/prune-p99.js';
import { measureRebuildVsScan, seedRebuildStore } from './scenarios/rebuild-vs-scan.js';
import { measureRoundTrips } from './scenarios/round-trips.js';
import { measureStorageVsSnapshot } from './scenarios/storage-vs-snapshot.js';
import { measureVerifyStore } from './scenarios/verify-store.js';
import { measureSubscriptionCatchUp } from './scenarios/subscription-catch-up.js';
import { measureVsEmmett } from './scenarios/vs-emmett.js';
import { loadTargets, measureVsSqlCeiling } from './scenarios/vs-sql-ceiling.js';
import { measureP99AtHalfLoad } from './scenarios/p99-at-half-load.js';
import { patchLoad } from './http-load.js';
import { halfLoadLine } from './report.js';

/** Connections of the engine's pool and of Emmett's in `vsEmmett` (the API keeps its own default). */
const POOL_SIZE = 16;
const RESULTS = 'bench/results/latest.json';
const DOC = 'docs/benchmarks.md';

const options = benchOptions(process.argv.slice(2));
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}`);

/** Steps that undo what was started, newest first; run on success, failure and Ctrl-C. */
const cleanup: (() => Promise<unknown>)[] = [];
async function runCleanup(): Promise<void> {
  while (cleanup.length) await cleanup.shift()!().catch((error) => console.error('cleanup:', error));
}
process.once('SIGINT', () => void runCleanup().finally(() => process.exit(130)));

async function bundleImportStep(engine: Awaited<ReturnType<typeof startBenchEngine>>, url: string, directory: string): Promise<BundleImportResult> {
  log(`bundleImport (${options.bundles.dashboards} dashboards × ${options.bundles.charts} charts; RSS for ${options.bundles.rssYamlMb} MB of YAML)`);
  const result = await measureBundleImport(engine, options.bundles, url, directory, log);
  log(`  ratio ${result.ratio} (${result.importEntitiesPerSecond} vs ${result.oneByOneEntitiesPerSecond} entities/s); import peak RSS ${result.rss.peakRssMb} MB for ${result.rss.yamlMb} MB of YAML`);
  return result;
}

/** `npm run bench -- --quick --only=bundleImport`: that scenario alone, printed, no report written. */
async function onlyBundleImport(): Promise<void> {
  const postgres = await startBenchPostgres();
  cleanup.unshift(() => rm(postgres.directory, { recursive: true, force: true }));
  cleanup.unshift(() => postgres.stop());
  const engine = await startBenchEngine(postgres.url, postgres.directory, POOL_SIZE);
  cleanup.unshift(() => engine.close());
  const result = await bundleImportStep(engine, postgres.url, postgres.directory);
  await runCleanup();
  console.log(JSON.stringify(result, null, 2));
}

async function main(): Promise<void> {
  if (options.only === 'bundleImport') return onlyBundleImport();
  log(`Rewind benchmarks (${options.mode}) — starting PostgreSQL`);
  const postgres = await startBenchPostgres();
  cleanup.unshift(() => rm(postgres.directory, { recursive: true, force: true }));
  cleanup.unshift(() => postgres.stop());
  if (options.only === 'subscriptions') return runSubscriptionsOnly(postgres);
  if (options.only === 'bigListSave') return bigListSaveAlone(postgres);
  if (options.only === 'listDepth') return listDepthAlone(postgres);
  const engine = await startBenchEngine(postgres.url, postgres.directory, POOL_SIZE);
  cleanup.unshift(() => engine.close());
  if (options.only === 'metricsOverhead' || options.only === 'startRssMb') return httpScenarioAlone(options.only, postgres, engine);
  // `--only=verifyStore`: that scenario alone, printed, no report written.
  if (options.only === 'verifyStore') {
    const verified = await measureVerifyStore(engine, options.verify.events);
    await runCleanup();
    return void console.log(JSON.stringify(verified, null, 2));
  }
  // `--only=vsEmmett`: queries per save and the engine against Emmett alone, printed, no report written.
  if (options.only === 'vsEmmett') {
    const fixtures = await createFixtures(engine);
    const { result } = await measureRoundTrips(engine, fixtures, options.roundTripSaves);
    const vsEmmett = await measureVsEmmett(engine, fixtures, postgres, POOL_SIZE, options, log);
    await runCleanup();
    return void console.log(JSON.stringify({ roundTripsPerSave: result, vsEmmett }, null, 2));
  }
  if (options.only === 'rebuildVsScan') return rebuildVsScanAlone(engine, postgres);
  if (options.only === 'vsSqlCeiling' || options.only === 'p99AtHalfLoad') return httpAlone(engine, postgres);
  const machine = machineFacts(postgres.version);
  log(`PostgreSQL ${postgres.version}, Node ${machine.node}, ${machine.cores} × ${machine.cpuModel} — seeding`);
  const fixtures = await createFixtures(engine);

  log('roundTripsPerSave');
  const roundTrips = await measureRoundTrips(engine, fixtures, options.roundTripSaves);
  const { warm, cold } = roundTrips.result;
  log(`  ${warm.perSave} queries per save ${JSON.stringify(warm.perStatement)}; head cache emptied first: ${cold ? `${cold.perSave} ${JSON.stringify(cold.perStatement)}` : 'n/a'}`);

  log('storageVsSnapshot (first, while the history tables hold no dead rows to reuse)');
  const storage = await measureStorageVsSnapshot(engine, fixtures, options);
  log(`  ${storage.bytesPerEdit} B per edit vs ${storage.snapshotStoredBytes} B stored snapshot (${storage.snapshotJsonBytes} B JSON): ratio ${storage.ratio}`);

  log('vsEmmett');
  const vsEmmett = await measureVsEmmett(engine, fixtures, postgres, POOL_SIZE, options, log);
  log(`  ratio at 16: ${vsEmmett.ratioAt16}, at 1: ${vsEmmett.ratioAt1}`);

  log('vsSqlCeiling: starting the API as `npm start` runs it');
  const secret = randomBytes(32).toString('base64url');
  const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
  const withApi = async <T>(argv: string[] | undefined, work: (api: ApiProcess) => Promise<T>): Promise<T> => {
    const api = await startApi(postgres.url, secret, postgres.directory, argv);
    cleanup.unshift(() => api.stop());
    try {
      return await work(api);
    } finally {
      await api.stop();
    }
  };
  const rssLoad = async (api: ApiProcess, prefix: string) => ({
    url: api.url,
    token,
    connections: options.http.connections,
    ids: await loadTargets(engine, fixtures, prefix, options.http.connections * 4),
  });
  let httpRate = 1000;
  const { vsSqlCeiling, apiRss, p99AtHalfLoad } = await withApi(undefined, async (api) => {
    const vsSqlCeiling = await measureVsSqlCeiling(engine, fixtures, { url: api.url, token, connections: options.http.connections }, api.pid, roundTrips.captured, postgres, options, log);
    log(`  ratio: ${vsSqlCeiling.ratio}`);
    httpRate = vsSqlCeiling.http.opsPerSecond;
    log('p99VsP50AtHalfLoad');
    const p99AtHalfLoad = await measureP99AtHalfLoad(await rssLoad(api, 'half-load'), httpRate, options, log);
    log(`  ratio ${p99AtHalfLoad.ratio}: ${halfLoadLine(p99AtHalfLoad)}`);
    log(`API RSS over ${options.rss.saves} HTTP saves (npm start)`);
    const apiRss = await measureApiRss(api, await rssLoad(api, 'rss'), options.rss.saves, options.rss.samples, vsSqlCeiling.http.opsPerSecond, log);
    log(`  RSS ${apiRss.finalRssMb} MB, flat: ${apiRss.flat}, ${apiRss.apiQueriesPerSave} queries per HTTP save`);
    return { vsSqlCeiling, apiRss, p99AtHalfLoad };
  });

  const metricsOverhead = await metricsOverheadStep(postgres, engine, fixtures, secret, token);

  log(`API RSS over ${options.rss.saves} HTTP saves (compiled with tsc, plain node)`);
  const compiled = await buildApi(join(postgres.directory, 'dist'));
  const apiRssCompiled = await withApi(compiled, async (api) => measureApiRss(api, await rssLoad(api, 'rss-compiled'), options.rss.saves, options.rss.samples, httpRate, log));
  log(`  RSS ${apiRssCompiled.finalRssMb} MB, flat: ${apiRssCompiled.flat}`);

  const { list, feeds } = await depthSteps(engine, fixtures, postgres);

  log(`bigListSave (${options.bigList.items} items in params.groupby)`);
  const bigList = await withApi(undefined, (api) => measureBigListSave(api, token, options.bigList, log));
  log(`  ${bigList.pass ? 'pass' : 'FAIL'}: ${bigList.cpuMsPerSave} ms CPU per save (< 200), /health p99 ${bigList.health.p99Ms} ms (< 100)`);

  log('rebuildVsScan');
  const rebuild = await measureRebuildVsScan(engine, postgres, options);
  log(`  rebuild ${rebuild.rebuild.eventsPerSecond} events/s, scan ${rebuild.scan.eventsPerSecond} events/s over ${rebuild.events} events: ratio ${rebuild.ratio}`);

  log(`subscriptionCatchUp (${options.subscriptions.events} events in the store)`);
  const subscriptionCatchUp = await measureSubscriptionCatchUp({ url: postgres.url, dataDir: postgres.directory }, options.subscriptions, log);
  log(`  ratio ${subscriptionCatchUp.ratio}: ${subscriptionLine(subscriptionCatchUp)}`);

  log(`pruneP99VsIdle (${options.prune.backlogEvents} events of backlog)`);
  const prune = await measurePruneP99(engine, fixtures, options, log);
  log(`  ratio ${prune.ratio}`);

  log(`verifyStore (${options.verify.events} schema-version-1 events seeded, then npm run verify over the whole store)`);
  const verify = await measureVerifyStore(engine, options.verify.events);
  log(`  ${verify.events} events in ${verify.seconds} s (${verify.eventsPerSecond} events/s, ${verify.secondsPerMillion} s per million), ${verify.failures} failing streams`);

  const bundleImport = await bundleImportStep(engine, postgres.url, postgres.directory);

  await runCleanup();
  const report = buildReport(options, machine, (performance.now() - t0) / 1000, {
    vsEmmett,
    vsSqlCeiling,
    roundTripsPerSave: roundTrips.result,
    listDeepVsShallow: list,
    feedDeepVsShallow: feeds,
    rebuildVsScan: rebuild,
    storageVsSnapshot: storage,
    pruneP99VsIdle: prune,
    verifyStore: verify,
    subscriptionCatchUp,
    bundleImport,
    apiRss,
    apiRssCompiled,
    metricsOverhead,
    p99AtHalfLoad,
    bigListSave: bigList,
  });
  await writeReport(report, RESULTS, DOC);
  console.log(`\n${'ratio'.padEnd(20)} ${'measured'.padStart(9)}  target   result`);
  for (const name of Object.keys(report.ratios) as RatioName[]) {
    const { op, value } = report.targets[name];
    console.log(`${name.padEnd(20)} ${String(report.ratios[name]).padStart(9)}  ${op} ${String(value).padEnd(5)} ${report.pass[name] ? 'pass' : 'FAIL'}`);
  }
  const rss = report.absolute.apiRss;
  console.log(`${'apiRss'.padEnd(20)} ${`${rss.compiledFinalMb} MB`.padStart(9)}  <= ${PROD_RSS_TARGET_MB} ${rss.compiledPass ? 'pass' : 'FAIL'} (as start:prod runs it; under npm start: ${rss.finalMb} MB, startRssMb above)`);
  const { verify: verified } = report.absolute;
  console.log(`${'verify'.padEnd(20)} ${`${verified.secondsPerMillion} s`.padStart(9)}  <= ${verified.targetSecondsPerMillion} ${verified.pass ? 'pass' : 'FAIL'} (per million events; ${verified.events} verified)`);
  log(`wrote ${RESULTS} and ${DOC}`);
}

/** Saves/s with METRICS_ENABLED=true vs false, two APIs as `npm start` runs them, alternating. */
async function metricsOverheadStep(
  postgres: { url: string; directory: string },
  engine: Awaited<ReturnType<typeof startBenchEngine>>,
  fixtures: Awaited<ReturnType<typeof createFixtures>>,
  secret: string,
  token: string,
): Promise<MetricsOverheadResult> {
  log(`metricsOverhead: saves/s with METRICS_ENABLED=true vs false (${options.repeats * 2} alternating ${options.http.durationMs / 1000} s runs each)`);
  const result = await measureMetricsOverhead(
    async (env) => {
      const api = await startApi(postgres.url, secret, postgres.directory, undefined, env);
      cleanup.unshift(() => api.stop());
      return api;
    },
    async (api, side) => ({ url: api.url, token, connections: options.http.connections, ids: await loadTargets(engine, fixtures, `metrics-${side}`, options.http.connections * 4) }),
    options,
    log,
  );
  log(`  ratio ${result.ratio}: ${result.on.savesPerSecond}/s with metrics, ${result.off.savesPerSecond}/s without`);
  return result;
}

/** `--only=metricsOverhead` or `--only=startRssMb`: that scenario alone, printed, no report written. */
async function httpScenarioAlone(name: 'metricsOverhead' | 'startRssMb', postgres: Awaited<ReturnType<typeof startBenchPostgres>>, engine: Awaited<ReturnType<typeof startBenchEngine>>): Promise<void> {
  const fixtures = await createFixtures(engine);
  const secret = randomBytes(32).toString('base64url');
  const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
  if (name === 'metricsOverhead') {
    const result = await metricsOverheadStep(postgres, engine, fixtures, secret, token);
    await runCleanup();
    return void console.log(JSON.stringify(result, null, 2));
  }
  const rssFor = async (label: string, argv: string[] | undefined) => {
    log(`API RSS over ${options.rss.saves} HTTP saves (${label})`);
    const api = await startApi(postgres.url, secret, postgres.directory, argv);
    cleanup.unshift(() => api.stop());
    const load = { url: api.url, token, connections: options.http.connections, ids: await loadTargets(engine, fixtures, `rss-${label}`, options.http.connections * 4) };
    const result = await measureApiRss(api, load, options.rss.saves, options.rss.samples, 1000, log);
    await api.stop();
    return result;
  };
  const start = await rssFor('npm start', undefined);
  const compiled = await rssFor('start:prod', await buildApi(join(postgres.directory, 'dist')));
  await runCleanup();
  const summary = (r: typeof start) => ({ finalRssMb: r.finalRssMb, flat: r.flat, saves: r.saves, savesPerSecond: r.savesPerSecond, samples: r.samples.map((p) => `${p.saves}: ${p.rssMb}`).join(' · ') });
  console.log(JSON.stringify({ startRssMb: summary(start), startProd: summary(compiled) }, null, 2));
}

/** `--only=subscriptions`: that scenario alone, into bench/results/subscriptions.json (latest.json stays whole). */
async function runSubscriptionsOnly(postgres: { url: string; directory: string }): Promise<void> {
  await (await startBenchEngine(postgres.url, postgres.directory, POOL_SIZE)).close(); // applies the migrations
  log(`subscriptionCatchUp alone (${options.subscriptions.events} events in the store)`);
  const result = await measureSubscriptionCatchUp({ url: postgres.url, dataDir: postgres.directory }, options.subscriptions, log);
  await runCleanup();
  log(`ratio ${result.ratio} (target >= 0.3): ${subscriptionLine(result)}`);
  await writeFile('bench/results/subscriptions.json', `${JSON.stringify({ mode: options.mode, ...result }, null, 2)}\n`);
}

/** `npm run bench -- --quick --only=bigListSave`: the 50,000-item save alone, against `npm start`'s API. */
async function bigListSaveAlone(postgres: Awaited<ReturnType<typeof startBenchPostgres>>): Promise<void> {
  const secret = randomBytes(32).toString('base64url');
  const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
  log('bigListSave: starting the API as `npm start` runs it');
  const api = await startApi(postgres.url, secret, postgres.directory);
  cleanup.unshift(() => api.stop());
  const result = await measureBigListSave(api, token, options.bigList, log);
  console.log(JSON.stringify(result, null, 2));
  await runCleanup();
}

/** `npm run bench -- --quick --only=rebuildVsScan`: a store the size the whole run leaves, then that scenario alone, printed. */
async function rebuildVsScanAlone(engine: Awaited<ReturnType<typeof startBenchEngine>>, postgres: Awaited<ReturnType<typeof startBenchPostgres>>): Promise<void> {
  await seedRebuildStore(engine, await createFixtures(engine), log);
  log('rebuildVsScan');
  const result = await measureRebuildVsScan(engine, postgres, options);
  await runCleanup();
  console.log(JSON.stringify(result, null, 2));
}

/**
 * `--only=vsSqlCeiling` or `--only=p99AtHalfLoad`: that scenario alone against `npm start`'s API,
 * printed, no report written. Alone, the half-load rate is half of a short autocannon run's.
 */
async function httpAlone(engine: Awaited<ReturnType<typeof startBenchEngine>>, postgres: Awaited<ReturnType<typeof startBenchPostgres>>): Promise<void> {
  const fixtures = await createFixtures(engine);
  // Before the API starts, as in the full run (the captured save is the engine's alone).
  const roundTrips = options.only === 'vsSqlCeiling' ? await measureRoundTrips(engine, fixtures, options.roundTripSaves) : undefined;
  const secret = randomBytes(32).toString('base64url');
  const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
  log(`${options.only}: starting the API as \`npm start\` runs it`);
  const api = await startApi(postgres.url, secret, postgres.directory);
  cleanup.unshift(() => api.stop());
  const load = { url: api.url, token, connections: options.http.connections };
  let result: object;
  if (roundTrips) {
    result = await measureVsSqlCeiling(engine, fixtures, load, api.pid, roundTrips.captured, postgres, options, log);
  } else {
    const targets = { ...load, ids: await loadTargets(engine, fixtures, 'half-load', options.http.connections * 4) };
    await patchLoad(targets, { durationMs: options.http.warmupMs });
    const max = await patchLoad(targets, { durationMs: options.http.durationMs });
    log(`  maximum: ${max.opsPerSecond}/s (p50 ${max.p50Ms} ms, p99 ${max.p99Ms} ms)`);
    const halfLoad = await measureP99AtHalfLoad(targets, max.opsPerSecond, options, log);
    log(`  ratio ${halfLoad.ratio} (target <= 3): ${halfLoadLine(halfLoad)}`);
    result = halfLoad;
  }
  await runCleanup();
  console.log(JSON.stringify(result, null, 2));
}

try {
  await main();
} catch (error) {
  console.error(error);
  await runCleanup();
  process.exitCode = 1;
}

function listLine(list: ListDeepVsShallowResult): string {
  return `newest page ${list.deep.medianMs} ms, page at version ${list.deepVersions / 2} ${list.middle.medianMs} ms, one-page stream ${list.shallow.medianMs} ms: ratio ${list.ratio}`;
}
function feedLine({ events, changes }: FeedDeepVsShallowResult): string {
  return (
    `/events first page ${events.deep.first.medianMs} vs ${events.shallow.first.medianMs} ms: ${events.ratio} (middle ${events.middleRatio}); ` +
  `/changes ${changes.deep.first.medianMs} vs ${changes.shallow.first.medianMs} ms: ${changes.ratio} (middle ${changes.middleRatio})`
  );
}

/** The three depth figures: versions page, /events and /changes on a deep store against a shallow one. */
async function depthSteps(engine: Awaited<ReturnType<typeof startBenchEngine>>, fixtures: Awaited<ReturnType<typeof createFixtures>>, postgres: Awaited<ReturnType<typeof startBenchPostgres>>) {
  log(`listDeepVsShallow (${options.list.deepVersions} versions)`);
  const list = await measureListDeepVsShallow(engine, fixtures, options);
  log(`  ${listLine(list)} (seeded in ${list.seedSeconds} s)`);
  log(`eventsDeepVsShallow, changesDeepVsShallow (${options.feeds.deepEvents} vs ${options.feeds.shallowEvents} events)`);
  const feeds = await measureFeedDeepVsShallow(postgres.url, postgres.directory, options, log);
  log(`  ${feedLine(feeds)}`);
  return { list, feeds };
}

/** `npm run bench -- --quick --only=listDepth`: the three depth figures alone, printed, no report written. */
async function listDepthAlone(postgres: Awaited<ReturnType<typeof startBenchPostgres>>): Promise<void> {
  const engine = await startBenchEngine(postgres.url, postgres.directory, POOL_SIZE);
  cleanup.unshift(() => engine.close());
  const fixtures = await createFixtures(engine);
  const { list, feeds } = await depthSteps(engine, fixtures, postgres);
  await runCleanup();
  console.log(JSON.stringify({ listDeepVsShallow: list, feedDeepVsShallow: feeds }, null, 2));
}
