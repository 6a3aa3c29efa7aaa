import { cpuMeter } from '../cpu.js';
import { EmmettPeer } from '../emmett-client.js';
import type { BenchEngine } from '../engine.js';
import { smallDashboard, threeFieldEdit, type BenchFixtures } from '../fixtures.js';
import { medianRun, round, runWorkers, type RunStats } from '../measure.js';
import type { BenchOptions } from '../options.js';

export interface VsEmmettResult {
  poolSize: number;
  streams: number;
  repeats: number;
  /** Median-throughput run of each side at each concurrency. */
  engine: { c1: RunStats; c16: RunStats };
  emmett: { c1: RunStats; c16: RunStats; queriesPerAppend: number };
  ratioAt1: number;
  ratioAt16: number;
}

/**
 * Engine saves through the command bus against Emmett appends with an inline raw-SQL projection
 * doing the same work, on the same server and database, same pool size, same concurrency, same
 * number of streams (each worker keeps to its own), runs alternating side by side.
 */
export async function measureVsEmmett(
  engine: BenchEngine,
  fixtures: BenchFixtures,
  database: { url: string; clusterDirectory: string },
  poolSize: number,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<VsEmmettResult> {
  const { streams: streamCount, warmup, savesAtConcurrency1, savesAtConcurrency16 } = options.emmett;
  const streams: { id: string; n: number }[] = [];
  for (let i = 0; i < streamCount; i++) streams.push({ id: (await engine.create('dashboard', smallDashboard(`emmett-${i}`, fixtures.chartIds))).id, n: 0 });
  const save = (concurrency: number) => (worker: number, call: number) => {
    const stream = streams[(worker + call * concurrency) % streams.length];
    return engine.save('dashboard', stream.id, threeFieldEdit(++stream.n));
  };

  const peer = EmmettPeer.start();
  try {
    await peer.request({ cmd: 'init', url: database.url, poolSize, streams: streamCount, postgresDirectory: database.clusterDirectory });
    const runs = { engine: { c1: [] as RunStats[], c16: [] as RunStats[] }, emmett: { c1: [] as RunStats[], c16: [] as RunStats[] } };
    let queriesPerAppend = 0;
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      for (const [key, concurrency, saves] of [['c1', 1, savesAtConcurrency1], ['c16', 16, savesAtConcurrency16]] as const) {
        // Each side starts from a checkpoint, so neither pays for the other's dirty pages.
        await engine.db.query('checkpoint');
        await runWorkers(concurrency, { count: warmup }, save(concurrency));
        const cpu = cpuMeter(database.clusterDirectory);
        const run = await runWorkers(concurrency, { count: saves }, save(concurrency));
        const mine = { ...run, cpu: cpu.stop(run.ops) };
        runs.engine[key].push(mine);
        await engine.db.query('checkpoint');
        const theirs = await peer.request({ cmd: 'run', concurrency, saves, warmup });
        runs.emmett[key].push(theirs.stats!);
        queriesPerAppend = theirs.queriesPerAppend!;
        log(`  vsEmmett ${key} #${repeat + 1}: engine ${mine.opsPerSecond}/s (CPU/save ${mine.cpu.clientMs} ms node + ${mine.cpu.serverMs} ms PostgreSQL), ` +
            `Emmett ${theirs.stats!.opsPerSecond}/s (${theirs.stats!.cpu?.clientMs} + ${theirs.stats!.cpu?.serverMs} ms)`);
      }
    }
    const result = {
      engine: { c1: medianRun(runs.engine.c1), c16: medianRun(runs.engine.c16) },
      emmett: { c1: medianRun(runs.emmett.c1), c16: medianRun(runs.emmett.c16), queriesPerAppend: round(queriesPerAppend, 2) },
    };
    return {
      poolSize,
      streams: streamCount,
      repeats: options.repeats,
      ...result,
      ratioAt1: round(result.engine.c1.opsPerSecond / result.emmett.c1.opsPerSecond, 3),
      ratioAt16: round(result.engine.c16.opsPerSecond / result.emmett.c16.opsPerSecond, 3),
    };
  } finally {
    await peer.stop();
  }
}
