import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from '#database/embedded-postgres.server.js';

export interface BenchPostgres {
  /** The bench database; every side (engine, API, Emmett, raw pg) uses this one. */
  url: string;
  directory: string;
  /** The cluster's data directory (postmaster.pid lives there). */
  clusterDirectory: string;
  version: string;
  stop(): Promise<void>;
}

/** A PostgreSQL of the bench's own under `.data/bench-<pid>`, deleted when it stops. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const directory = join('.data', `bench-${process.pid}`);
  const clusterDirectory = join(directory, 'postgres');
  const server: RunningPostgres = await startEmbeddedPostgres({ directory: clusterDirectory, persistent: false });
  try {
    const url = await ensureDatabase(server.adminUrl, 'rewind_bench');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    await client.end();
    return { url, directory, clusterDirectory, version: rows[0].server_version, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
