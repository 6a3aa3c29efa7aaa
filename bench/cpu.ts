import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Linux exposes CPU times in clock ticks of 1/100 s on every platform Node supports. */
const TICK_MS = 10;

interface Stat {
  ppid: number;
  /** utime + stime, and the same for waited-for children (cutime + cstime), in ms. */
  selfMs: number;
  childrenMs: number;
}

function readStat(pid: number | string): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    return { ppid: Number(fields[1]), selfMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, childrenMs: (Number(fields[13]) + Number(fields[14])) * TICK_MS };
  } catch {
    return undefined; // gone, or not Linux
  }
}

/** CPU time a process has used so far (all its threads), in ms; 0 where /proc is missing. */
export function processCpuMs(pid: number): number {
  return readStat(pid)?.selfMs ?? 0;
}

/** CPU time the PostgreSQL server has used so far: postmaster, live backends and exited ones. */
export function postgresCpuMs(dataDirectory: string): number {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  const root = readStat(postmaster);
  if (!root) return 0;
  let total = root.selfMs + root.childrenMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.ppid === postmaster) total += stat.selfMs;
  }
  return total;
}

export interface CpuPerOp {
  /** ms of CPU per operation in the client process (bench, Emmett peer or API) and in PostgreSQL. */
  clientMs: number;
  serverMs: number;
}

/** Starts a CPU reading of `clientPids` (this process when empty) and the server; `stop(ops)` gives per-op figures. */
export function cpuMeter(postgresDirectory: string, clientPids: number[] = []): { stop(ops: number): CpuPerOp } {
  const client = () => (clientPids.length ? clientPids.reduce((sum, pid) => sum + processCpuMs(pid), 0) : processUsageMs());
  const startClient = client();
  const startServer = postgresCpuMs(postgresDirectory);
  return {
    stop: (ops) => ({
      clientMs: Math.round(((client() - startClient) / ops) * 10_000) / 10_000,
      serverMs: Math.round(((postgresCpuMs(postgresDirectory) - startServer) / ops) * 10_000) / 10_000,
    }),
  };
}

function processUsageMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
