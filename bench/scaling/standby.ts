import { join } from 'node:path';
import pg from 'pg';
import { startBenchEngine, type BenchEngine } from '../engine.js';
import { createFixtures, threeFieldEdit } from '../fixtures.js';
import { percentile, round, runWorkers, sleep, summarize, type RunStats } from '../measure.js';
import { loadTargets } from '../scenarios/vs-sql-ceiling.js';
import type { ScalingRun } from './run.js';
import { startStandby } from './standby-server.js';

interface Visibility {
  probes: number;
  /** Probes whose first read on the standby already showed the save. */
  visibleOnFirstRead: number;
  /** From a save's commit returning on the primary to its version being readable on the standby. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface StandbyResult {
  connections: number;
  idle: Visibility;
  underLoad: { saves: RunStats; visibility: Visibility; replayLagBytes: { p50: number; p99: number; max: number } };
  /** The same load with synchronous_commit = remote_apply and the standby synchronous: a save returns once the standby shows it. */
  remoteApply: { saves: RunStats; visibility: Visibility };
  asyncSaves: RunStats;
}

/**
 * A streaming standby of the bench PostgreSQL: how long after a save commits the standby shows it
 * (idle and under a save load), how far its replay trails in WAL bytes, and what making every
 * commit wait for the standby's replay (remote_apply) costs the save rate.
 */
export async function measureStandby({ postgres, quick, log, cleanup }: ScalingRun): Promise<StandbyResult> {
  const connections = 16;
  const durationMs = quick ? 4000 : 10_000;
  const engine = await startBenchEngine(postgres.url, postgres.directory, connections);
  cleanup.unshift(() => engine.close());
  const fixtures = await createFixtures(engine, 3);
  const targets = (await loadTargets(engine, fixtures, 'standby', connections * 4)).map((id) => ({ id, n: 0 }));
  const probe = { id: (await loadTargets(engine, fixtures, 'probe', 1))[0], n: 0 };

  const standby = await startStandby(postgres.url, postgres.clusterDirectory, join(postgres.directory, 'standby'), log);
  cleanup.unshift(() => standby.stop());
  const replica = new pg.Pool({ connectionString: standby.url, max: 2 });
  replica.on('error', () => undefined);
  cleanup.unshift(() => replica.end());
  const primary = new pg.Pool({ connectionString: postgres.url, max: 2 });
  cleanup.unshift(() => primary.end());

  const save = (worker: number, call: number) => {
    const stream = targets[(worker + (call % 4) * connections) % targets.length];
    return engine.save('dashboard', stream.id, threeFieldEdit(++stream.n));
  };
  const visibility = (until: () => boolean, max: number) => probeVisibility(engine, replica, probe, until, max);

  await waitForReplay(primary, replica);
  log('visibility on the standby after a save, idle');
  const idle = await visibility(() => true, quick ? 100 : 300);
  log(`  p50 ${idle.p50Ms} ms, p99 ${idle.p99Ms} ms, max ${idle.maxMs} ms`);

  log(`the same under ${connections} concurrent savers`);
  await runWorkers(connections, { durationMs: 1500 }, save);
  let loading = true;
  const lag: number[] = [];
  const sampling = (async () => {
    while (loading) {
      lag.push(await replayLagBytes(primary, replica));
      await sleep(100);
    }
  })();
  const [saves, underVisibility] = await Promise.all([
    runWorkers(connections, { durationMs }, save).finally(() => (loading = false)),
    visibility(() => loading, Number.POSITIVE_INFINITY),
  ]);
  await sampling;
  const sorted = lag.sort((a, b) => a - b);
  const lagBytes = { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? 0 };
  log(`  ${saves.opsPerSecond} saves/s; visible after p50 ${underVisibility.p50Ms} ms, p99 ${underVisibility.p99Ms} ms; replay behind by p50 ${lagBytes.p50} B, max ${lagBytes.max} B`);

  await waitForReplay(primary, replica);
  const asyncSaves = await runWorkers(connections, { durationMs }, save);
  await setSynchronous(primary, true);
  try {
    await runWorkers(connections, { durationMs: 1500 }, save);
    const remoteSaves = await runWorkers(connections, { durationMs }, save);
    const remoteVisibility = await visibility(() => true, quick ? 100 : 300);
    log(`  remote_apply: ${remoteSaves.opsPerSecond} saves/s (p99 ${remoteSaves.p99Ms} ms) vs ${asyncSaves.opsPerSecond} async (p99 ${asyncSaves.p99Ms} ms); visible after p99 ${remoteVisibility.p99Ms} ms`);
    return { connections, idle, underLoad: { saves, visibility: underVisibility, replayLagBytes: lagBytes }, remoteApply: { saves: remoteSaves, visibility: remoteVisibility }, asyncSaves };
  } finally {
    await setSynchronous(primary, false);
  }
}

/** Saves the probe dashboard, then polls the standby until that version is there; `max` probes or while `until()`. */
async function probeVisibility(engine: BenchEngine, replica: pg.Pool, probe: { id: string; n: number }, until: () => boolean, max: number): Promise<Visibility> {
  const delays: number[] = [];
  let first = 0;
  while (delays.length < max && until()) {
    const { version } = await engine.save('dashboard', probe.id, threeFieldEdit(++probe.n));
    const committed = performance.now();
    for (let read = 1; ; read++) {
      const { rows } = await replica.query<{ version: number }>('select version from dashboards where id = $1', [probe.id]);
      if ((rows[0]?.version ?? 0) >= version) {
        if (read === 1) first++;
        break;
      }
      if (performance.now() - committed > 30_000) throw new Error('the standby did not show a save within 30 s');
    }
    delays.push(performance.now() - committed);
  }
  const stats = summarize(delays, 1);
  return { probes: delays.length, visibleOnFirstRead: first, p50Ms: stats.p50Ms, p99Ms: stats.p99Ms, maxMs: round(Math.max(...delays), 3) };
}

async function replayLagBytes(primary: pg.Pool, replica: pg.Pool): Promise<number> {
  const written = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn() as lsn')).rows[0].lsn;
  const { rows } = await replica.query<{ behind: string }>('select greatest(0, pg_wal_lsn_diff($1, pg_last_wal_replay_lsn())) as behind', [written]);
  return Number(rows[0].behind);
}

async function waitForReplay(primary: pg.Pool, replica: pg.Pool): Promise<void> {
  for (let i = 0; i < 300 && (await replayLagBytes(primary, replica)) > 0; i++) await sleep(100);
}

/** Every commit waits until the standby has replayed it (remote_apply), or stops waiting. */
async function setSynchronous(primary: pg.Pool, on: boolean): Promise<void> {
  await primary.query(on ? `alter system set synchronous_standby_names = 'bench_standby'` : 'alter system reset synchronous_standby_names');
  await primary.query(on ? `alter system set synchronous_commit = 'remote_apply'` : 'alter system reset synchronous_commit');
  await primary.query('select pg_reload_conf()');
  await sleep(500);
}
