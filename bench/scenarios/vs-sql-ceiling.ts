import pg from 'pg';
import { cpuMeter, processCpuMs } from '../cpu.js';
import type { BenchEngine } from '../engine.js';
import { smallDashboard, type BenchFixtures } from '../fixtures.js';
import { patchLoad, type PatchLoad } from '../http-load.js';
import { medianRun, round, runWorkers, type RunStats } from '../measure.js';
import type { BenchOptions } from '../options.js';
import { replaySave, replayStreams } from '../sql-replay.js';
import type { CapturedSave } from './round-trips.js';

/** The API's pool: `mikroOrmOptions` defaults to 10 connections and the API does not change it. */
export const API_POOL_SIZE = 10;

export interface VsSqlCeilingResult {
  connections: number;
  poolSize: number;
  /** What the replay sends per save. */
  statements: string;
  repeats: number;
  http: RunStats;
  sql: RunStats;
  ratio: number;
}

/** Dashboards for an HTTP load: four per connection. */
export async function loadTargets(engine: BenchEngine, fixtures: BenchFixtures, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await engine.create('dashboard', smallDashboard(`${prefix}-${i}`, fixtures.chartIds))).id);
  return ids;
}

/**
 * HTTP PATCH saves/s through the real API (autocannon, N connections, no pipelining) against the
 * statements the engine sends for a save, replayed by a raw pg pool of the API's size at the same
 * concurrency; runs alternate, medians reported.
 */
export async function measureVsSqlCeiling(
  engine: BenchEngine,
  fixtures: BenchFixtures,
  load: Omit<PatchLoad, 'ids'>,
  apiPid: number,
  captured: CapturedSave,
  database: { url: string; clusterDirectory: string },
  options: BenchOptions,
  log: (line: string) => void,
): Promise<VsSqlCeilingResult> {
  const { connections, warmupMs, durationMs } = options.http;
  const httpTargets = { ...load, connections, ids: await loadTargets(engine, fixtures, 'http', connections * 4) };
  const pool = new pg.Pool({ connectionString: database.url, max: API_POOL_SIZE });
  const sqlTargets = await replayStreams(pool, await loadTargets(engine, fixtures, 'sql', connections * 4));
  // Worker w replays saves of dashboards w, w + N, w + 2N, w + 3N: no two workers race on one.
  const replay = (worker: number, call: number) => replaySave(pool, captured, sqlTargets[(worker + (call % 4) * connections) % sqlTargets.length]);
  try {
    const http: RunStats[] = [];
    const sql: RunStats[] = [];
    // Each side starts from a checkpoint, so neither pays for the other's dirty pages.
    const checkpoint = () => pool.query('checkpoint');
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      await checkpoint();
      await patchLoad(httpTargets, { durationMs: warmupMs });
      const apiCpu = cpuMeter(database.clusterDirectory, [apiPid]);
      const loadCpu = processCpuMs(process.pid);
      const httpRun = await patchLoad(httpTargets, { durationMs });
      http.push({ ...httpRun, cpu: { ...apiCpu.stop(httpRun.ops), loadGeneratorMs: round((processCpuMs(process.pid) - loadCpu) / httpRun.ops, 3) } });
      await checkpoint();
      await runWorkers(connections, { durationMs: warmupMs }, replay);
      const sqlCpu = cpuMeter(database.clusterDirectory);
      const sqlRun = await runWorkers(connections, { durationMs }, replay);
      sql.push({ ...sqlRun, cpu: sqlCpu.stop(sqlRun.ops) });
      const [h, q] = [http.at(-1)!, sql.at(-1)!];
      log(`  vsSqlCeiling #${repeat + 1}: HTTP ${h.opsPerSecond}/s (p99 ${h.p99Ms} ms; CPU/save ${h.cpu!.clientMs} ms API + ${h.cpu!.loadGeneratorMs} ms autocannon + ${h.cpu!.serverMs} ms PostgreSQL), ` +
          `SQL ${q.opsPerSecond}/s (p99 ${q.p99Ms} ms; ${q.cpu!.clientMs} ms node + ${q.cpu!.serverMs} ms PostgreSQL)`);
    }
    const httpRun = medianRun(http);
    const sqlRun = medianRun(sql);
    const reads = captured.reads?.length ? `, ${captured.reads.length} other read${captured.reads.length > 1 ? 's' : ''} (reference checks)` : '';
    const statements = captured.selectHead ? `the head read${reads}, then the append statement` : `${reads ? reads.slice(2) + ', then ' : ''}the single append statement (the engine sent no head read: its head cache held the entity)`;
    return { connections, poolSize: API_POOL_SIZE, statements, repeats: options.repeats, http: httpRun, sql: sqlRun, ratio: round(httpRun.opsPerSecond / sqlRun.opsPerSecond, 3) };
  } finally {
    await pool.end();
  }
}
