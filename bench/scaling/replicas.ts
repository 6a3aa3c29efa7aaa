import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { mintToken } from '#cli/mint-token.js';
import type { ApiProcess } from '../api-process.js';
import { BENCH_ORG, BENCH_USER, startBenchEngine } from '../engine.js';
import { createFixtures, smallDashboard } from '../fixtures.js';
import { round, sleep, summarize, type RunStats } from '../measure.js';
import { startCompiledApi } from './compiled-api.js';
import type { ScalingRun } from './run.js';
import { checkHistory, type HistoryCheck } from './history-check.js';

/** How a client saves: no headers; an Idempotency-Key per save; If-Match with the last ETag it saw. */
export type SaveMode = 'unkeyed' | 'keyed' | 'if-match';
/** Each worker edits one of these, so several workers share a field (the If-Match runs collide on it). */
const FIELDS = ['title', 'description', 'css', 'certificationDetails'] as const;
/** A save a client gave up on after this many 409/412 answers counts as failed. */
const CLIENT_ATTEMPTS = 20;

export interface ReplicaRun {
  mode: SaveMode;
  replicas: 1 | 2;
  workers: number;
  /** Saves acknowledged (2xx), per second, with client-side latency including the client's own retries. */
  saves: RunStats;
  merged: number;
  status409: number;
  status412: number;
  /** Requests the clients sent again after a 409 or 412. */
  clientRetries: number;
  failedSaves: number;
  /** Append statements PostgreSQL rolled back (lost races the engine retried), from pg_stat_database. */
  rolledBackAppends: number;
  /** Head-cache misses over all replicas: each lost race makes the next attempt re-read the head. */
  headCacheMisses: number;
  headCacheHits: number;
  history: HistoryCheck;
}

export interface ReplicasResult {
  durationMs: number;
  apiPoolSize: number;
  runs: ReplicaRun[];
}

/**
 * Two API processes (each compiled, as `npm run start:prod` runs it) on one database, saving one dashboard from 16
 * concurrent clients, against one process taking the same clients; per save mode. After each run the
 * stream is checked: versions 1..N with no gap, one event per acknowledged save, none lost.
 */
export async function measureReplicas({ postgres, quick, log, cleanup }: ScalingRun): Promise<ReplicasResult> {
  const durationMs = quick ? 5000 : 15_000;
  const workers = 16;
  const engine = await startBenchEngine(postgres.url, postgres.directory, 4);
  cleanup.unshift(() => engine.close());
  const fixtures = await createFixtures(engine, 3);
  const secret = randomBytes(32).toString('base64url');
  const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
  const apis: ApiProcess[] = [];
  for (let i = 0; i < 2; i++) {
    const api = await startCompiledApi(postgres, secret, log);
    cleanup.unshift(() => api.stop());
    apis.push(api);
  }
  const admin = new pg.Pool({ connectionString: postgres.url, max: 2 });
  cleanup.unshift(() => admin.end());

  const runs: ReplicaRun[] = [];
  for (const mode of ['unkeyed', 'keyed', 'if-match'] as const) {
    for (const replicas of [1, 2] as const) {
      const dashboard = await engine.create('dashboard', smallDashboard(`hot-${mode}-${replicas}`, fixtures.chartIds));
      const targets = apis.slice(0, replicas);
      const before = { rollbacks: await rollbacks(admin), cache: await cacheCounts(targets) };
      const clients = await hammer(targets, token, dashboard.id, dashboard.versionId, mode, workers, durationMs);
      const after = { rollbacks: await rollbacks(admin, true), cache: await cacheCounts(targets) };
      const history = await checkHistory(admin, dashboard.id, clients.acknowledged);
      const run: ReplicaRun = {
        mode,
        replicas,
        workers,
        saves: summarize(clients.latencies, clients.seconds),
        merged: clients.merged,
        status409: clients.status409,
        status412: clients.status412,
        clientRetries: clients.retries,
        failedSaves: clients.failed,
        rolledBackAppends: after.rollbacks - before.rollbacks,
        headCacheMisses: after.cache.misses - before.cache.misses,
        headCacheHits: after.cache.hits - before.cache.hits,
        history,
      };
      runs.push(run);
      log(`  ${mode}, ${replicas} replica(s): ${run.saves.opsPerSecond} saves/s (p50 ${run.saves.p50Ms}, p99 ${run.saves.p99Ms} ms), 409 ${run.status409}, 412 ${run.status412}, merged ${run.merged}, ` +
          `rolled back ${run.rolledBackAppends}, cache misses ${run.headCacheMisses}/${run.headCacheMisses + run.headCacheHits}; history ${history.ok ? 'ok' : 'BROKEN'} (${history.versions} versions)`);
    }
  }
  return { durationMs, apiPoolSize: 10, runs };
}

interface ClientTotals {
  /** Value written → the version the 2xx answer reported. */
  acknowledged: Map<string, { field: string; version: number }>;
  latencies: number[];
  seconds: number;
  merged: number;
  status409: number;
  status412: number;
  retries: number;
  failed: number;
}

async function hammer(apis: ApiProcess[], token: string, id: string, versionId: string, mode: SaveMode, workers: number, durationMs: number): Promise<ClientTotals> {
  const totals: ClientTotals = { acknowledged: new Map(), latencies: [], seconds: 0, merged: 0, status409: 0, status412: 0, retries: 0, failed: 0 };
  const started = performance.now();
  const worker = async (w: number) => {
    const api = apis[w % apis.length];
    const field = FIELDS[w % FIELDS.length];
    let etag = `"${versionId}"`;
    for (let n = 0; performance.now() - started < durationMs; n++) {
      const value = `${mode}-${w}-${n}`;
      const key = randomUUID();
      const begin = performance.now();
      let done = false;
      for (let attempt = 1; attempt <= CLIENT_ATTEMPTS && !done; attempt++) {
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        if (mode === 'keyed') headers['idempotency-key'] = key;
        if (mode === 'if-match') headers['if-match'] = etag;
        const response = await fetch(`${api.url}/api/v1/dashboards/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ [field]: value }) });
        const body = (await response.json()) as { version?: number; current?: { versionId: string } };
        if (response.ok) {
          etag = response.headers.get('etag') ?? etag;
          if (response.headers.get('x-rewind-merged') === 'true') totals.merged++;
          totals.acknowledged.set(value, { field, version: body.version! });
          totals.latencies.push(performance.now() - begin);
          done = true;
        } else if (response.status === 409 || response.status === 412) {
          totals[response.status === 409 ? 'status409' : 'status412']++;
          // A 412 names the state we collided with: take it as seen and send our edit again on top.
          if (response.status === 412 && body.current) etag = `"${body.current.versionId}"`;
          if (attempt < CLIENT_ATTEMPTS) totals.retries++;
          await sleep(response.status === 409 ? 5 + Math.random() * 20 : 0);
        } else {
          throw new Error(`PATCH answered ${response.status}: ${JSON.stringify(body)}`);
        }
      }
      if (!done) totals.failed++;
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  totals.seconds = (performance.now() - started) / 1000;
  return totals;
}

/** Transactions rolled back in the bench database; `settle`: wait until backends have flushed their counts. */
async function rollbacks(db: pg.Pool, settle = false): Promise<number> {
  const read = async () => Number((await db.query<{ n: string }>('select xact_rollback as n from pg_stat_database where datname = current_database()')).rows[0].n);
  let last = await read();
  if (!settle) return last;
  // Backends report their counts when idle, at most once a second: read until two readings agree.
  for (let i = 0; i < 20; i++) {
    await sleep(1000);
    const now = await read();
    if (now === last && i >= 1) return now;
    last = now;
  }
  return last;
}

async function cacheCounts(apis: ApiProcess[]): Promise<{ hits: number; misses: number }> {
  let hits = 0;
  let misses = 0;
  for (const api of apis) {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    hits += Number(/^rewind_head_cache_hits_total (\d+)/m.exec(text)?.[1] ?? 0);
    misses += Number(/^rewind_head_cache_misses_total (\d+)/m.exec(text)?.[1] ?? 0);
  }
  return { hits: round(hits, 0), misses: round(misses, 0) };
}
