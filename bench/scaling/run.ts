/**
 * `npm run bench:scaling -- <scenario> [--quick]`: the measurements behind docs/scaling.md, one
 * scenario per run, each on its own embedded PostgreSQL. Prints the result as JSON (and keeps it in
 * `.data/scaling-<scenario>.json`); nothing here writes bench/results or docs/benchmarks.md.
 *
 * Scenarios: per-core, replicas, partitioning, standby.
 */
import 'reflect-metadata';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { startBenchPostgres, type BenchPostgres } from '../bench-postgres.js';
import { machineFacts } from '../machine.js';
import { measurePartitioning } from './partitioning.js';
import { measurePerCore } from './per-core.js';
import { measureReplicas } from './replicas.js';
import { measureStandby } from './standby.js';

export type Log = (line: string) => void;
export interface ScalingRun {
  postgres: BenchPostgres;
  quick: boolean;
  log: Log;
  /** Undo steps, run newest first whatever happens. */
  cleanup: (() => Promise<unknown>)[];
}

const scenarios: Record<string, (run: ScalingRun) => Promise<object>> = {
  'per-core': measurePerCore,
  replicas: measureReplicas,
  partitioning: measurePartitioning,
  standby: measureStandby,
};

const args = process.argv.slice(2);
const name = args.find((arg) => !arg.startsWith('--')) ?? '';
const t0 = performance.now();
const log: Log = (line) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}`);
const cleanup: (() => Promise<unknown>)[] = [];
async function runCleanup(): Promise<void> {
  while (cleanup.length) await cleanup.shift()!().catch((error) => console.error('cleanup:', error));
}
process.once('SIGINT', () => void runCleanup().finally(() => process.exit(130)));

async function main(): Promise<void> {
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`usage: npm run bench:scaling -- <${Object.keys(scenarios).join(' | ')}> [--quick]`);
    process.exitCode = 2;
    return;
  }
  const postgres = await startBenchPostgres();
  cleanup.unshift(() => rm(postgres.directory, { recursive: true, force: true }));
  cleanup.unshift(() => postgres.stop());
  const machine = machineFacts(postgres.version);
  log(`scaling: ${name} on PostgreSQL ${postgres.version}, Node ${machine.node}, ${machine.cores} × ${machine.cpuModel}, load average ${(await loadAverage()).join(' ')}`);
  const result = await scenario({ postgres, quick: args.includes('--quick'), log, cleanup });
  await runCleanup();
  const report = { scenario: name, command: `npm run bench:scaling -- ${args.join(' ')}`, machine, seconds: Math.round((performance.now() - t0) / 1000), result };
  await mkdir('.data', { recursive: true });
  await writeFile(`.data/scaling-${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}

async function loadAverage(): Promise<number[]> {
  const { loadavg } = await import('node:os');
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

try {
  await main();
} catch (error) {
  console.error(error);
  await runCleanup();
  process.exitCode = 1;
}
