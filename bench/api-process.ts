import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort } from '#database/free-port.js';
import { compileIfStale, START_ENTRY, START_NODE_FLAGS } from '../scripts/compile-for-start.js';
import { writeDistPackage } from '../scripts/dist-package.js';
import { sleep } from './measure.js';

const PROBE_DIR = 'node_modules/.cache/rewind/bench';
const PROBE = `./${PROBE_DIR}/bench/api-query-probe.js`;

/**
 * How `npm start` runs the API: its `prestart` step compiles what changed, then plain node runs the
 * output with source maps; plus the bench's query counter, compiled the same way.
 */
export async function npmStart(): Promise<string[]> {
  await compileIfStale();
  await compileIfStale(PROBE_DIR, ['bench/api-query-probe.ts']);
  return [...START_NODE_FLAGS, '--import', PROBE, START_ENTRY];
}

/** The heap size `npm run start:prod` gives the compiled API (see package.json). */
const PRODUCTION_NODE_FLAGS = ['--max-old-space-size=192'];

/** Compiles the API with tsc (tsconfig.build.json, as `nest build` does) into `outDir`; returns how to run it. */
export async function buildApi(outDir: string): Promise<string[]> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir]);
  await writeDistPackage(outDir);
  return [...PRODUCTION_NODE_FLAGS, join(outDir, 'apps/api/src/main.js')];
}

/** The real API in a child process on a free port, started with `argv` (default: as `npm start` does). */
export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident set size of the API process, in MB. */
  rssMb(): Promise<number>;
  /** Queries the API has sent to PostgreSQL so far (when started with the probe), else undefined. */
  queryCount(): Promise<number | undefined>;
  /** The most CPU the API's event loop spent in one piece since the last call (or count), in ms, when started with the probe. */
  longestSliceMs(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export async function startApi(databaseUrl: string, jwtSecret: string, logDir: string, argv?: string[], env: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  const args = argv ?? (await npmStart());
  const port = await findFreePort();
  const countFile = join(logDir, `api-queries-${port}`);
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      REVISION_RETENTION_ENABLED: 'false',
      BENCH_QUERY_COUNT_FILE: countFile,
      ...env,
    },
    // The API logs one JSON line per request to stdout, as in production; only errors are kept.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.pipe(createWriteStream(join(logDir, 'api-stderr.log'), { flags: 'a' }));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const stderr = await readFile(join(logDir, 'api-stderr.log'), 'utf8').catch(() => '');
      throw new Error(`the API exited with ${child.exitCode} while starting:\n${stderr.slice(-3000)}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('the API did not answer /health within 60 s');
    }
    await sleep(200);
  }

  /** Signals the probe, which writes its figures, and reads `file`. */
  const probeReading = async (file: string): Promise<number | undefined> => {
    if (!args.includes(PROBE)) return undefined;
    await rm(countFile, { force: true });
    await rm(file, { force: true });
    child.kill('SIGWINCH');
    for (let i = 0; i < 50; i++) {
      const text = await readFile(countFile, 'utf8').catch(() => ''); // written last
      if (text) return Number(await readFile(file, 'utf8'));
      await sleep(20);
    }
    return undefined;
  };

  return {
    url,
    pid: child.pid!,
    rssMb: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
      return Math.round((kb / 1024) * 10) / 10;
    },
    queryCount: () => probeReading(countFile),
    longestSliceMs: () => probeReading(`${countFile}-slice`),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
