import { randomBytes } from 'node:crypto';
import type { Database } from '#database/database.js';
import { mintToken } from '#cli/mint-token.js';
import { cpuMeter, processCpuMs } from '../cpu.js';
import { BENCH_ORG, BENCH_USER, startBenchEngine } from '../engine.js';
import { createFixtures, threeFieldEdit } from '../fixtures.js';
import { patchLoad } from '../http-load.js';
import { medianRun, round, runWorkers, type RunStats } from '../measure.js';
import { loadTargets } from '../scenarios/vs-sql-ceiling.js';
import { startCompiledApi } from './compiled-api.js';
import type { ScalingRun } from './run.js';

interface CoreRun extends RunStats {
  /** WAL PostgreSQL wrote per save (pg_current_wal_lsn before and after the run, over saves). */
  walBytesPerSave: number;
  /** Saves one fully busy core could carry at this CPU cost per save: 1000 / ms. */
  savesPerApiCore: number;
  savesPerPostgresCore: number;
}

export interface PerCoreResult {
  connections: number;
  apiPoolSize: number;
  repeats: number;
  /** PATCH through the real API (compiled, as `npm run start:prod` runs it), autocannon, each save on a dashboard no other request has in flight. */
  http: CoreRun;
  /** The same three-field save through the command bus in this process (no HTTP, no JWT, no validation). */
  engine: CoreRun;
}

/**
 * Saves per second one API core and one PostgreSQL core carry: CPU per save read from /proc for the
 * API process and every PostgreSQL backend while a fixed-concurrency load runs (medians of repeats).
 */
export async function measurePerCore({ postgres, quick, log, cleanup }: ScalingRun): Promise<PerCoreResult> {
  const connections = 16;
  const repeats = 3;
  const durationMs = quick ? 4000 : 10_000;
  const engine = await startBenchEngine(postgres.url, postgres.directory, connections);
  cleanup.unshift(() => engine.close());
  const fixtures = await createFixtures(engine, 3);
  const secret = randomBytes(32).toString('base64url');
  const token = mintToken(secret, { sub: BENCH_USER, org: BENCH_ORG, roles: ['editor'] });
  const api = await startCompiledApi(postgres, secret, log);
  cleanup.unshift(() => api.stop());
  const load = { url: api.url, token, connections, ids: await loadTargets(engine, fixtures, 'core-http', connections * 4) };

  const http: (RunStats & { walBytesPerSave: number })[] = [];
  await patchLoad(load, { durationMs: 2000 });
  for (let repeat = 0; repeat < repeats; repeat++) {
    const meter = cpuMeter(postgres.clusterDirectory, [api.pid]);
    const loadCpu = processCpuMs(process.pid);
    const wal = await walMeter(engine.db);
    const run = await patchLoad(load, { durationMs });
    http.push({ ...run, cpu: { ...meter.stop(run.ops), loadGeneratorMs: round((processCpuMs(process.pid) - loadCpu) / run.ops, 3) }, walBytesPerSave: await wal.stop(run.ops) });
    log(`  HTTP #${repeat + 1}: ${run.opsPerSecond} saves/s, CPU per save ${http.at(-1)!.cpu!.clientMs} ms API + ${http.at(-1)!.cpu!.serverMs} ms PostgreSQL`);
  }
  await api.stop();

  const streams = (await loadTargets(engine, fixtures, 'core-engine', connections * 4)).map((id) => ({ id, n: 0 }));
  const save = (worker: number, call: number) => {
    const stream = streams[(worker + (call % 4) * connections) % streams.length];
    return engine.save('dashboard', stream.id, threeFieldEdit(++stream.n));
  };
  const engineRuns: (RunStats & { walBytesPerSave: number })[] = [];
  await runWorkers(connections, { durationMs: 2000 }, save);
  for (let repeat = 0; repeat < repeats; repeat++) {
    const meter = cpuMeter(postgres.clusterDirectory);
    const wal = await walMeter(engine.db);
    const run = await runWorkers(connections, { durationMs }, save);
    engineRuns.push({ ...run, cpu: meter.stop(run.ops), walBytesPerSave: await wal.stop(run.ops) });
    log(`  engine #${repeat + 1}: ${run.opsPerSecond} saves/s, CPU per save ${engineRuns.at(-1)!.cpu!.clientMs} ms Node + ${engineRuns.at(-1)!.cpu!.serverMs} ms PostgreSQL`);
  }
  return { connections, apiPoolSize: 10, repeats, http: perCore(medianOf(http)), engine: perCore(medianOf(engineRuns)) };
}

/** The run with the median throughput, as `medianRun` picks it. */
const medianOf = <T extends RunStats>(runs: T[]): T => runs.find((run) => run === medianRun(runs)) ?? runs[0];

async function walMeter(db: Database): Promise<{ stop(ops: number): Promise<number> }> {
  const [{ lsn }] = await db.query<{ lsn: string }>('select pg_current_wal_lsn() as lsn');
  return {
    stop: async (ops) => {
      const [{ bytes }] = await db.query<{ bytes: string }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as bytes', [lsn]);
      return round(Number(bytes) / ops, 0);
    },
  };
}

function perCore(run: RunStats & { walBytesPerSave: number }): CoreRun {
  return { ...run, savesPerApiCore: round(1000 / run.cpu!.clientMs, 0), savesPerPostgresCore: round(1000 / run.cpu!.serverMs, 0) };
}
