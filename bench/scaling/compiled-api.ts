import { join } from 'node:path';
import { buildApi, startApi, type ApiProcess } from '../api-process.js';
import type { BenchPostgres } from '../bench-postgres.js';

let built: Promise<string[]> | undefined;

/**
 * The API as `npm run start:prod` runs it (compiled once per run, heap capped): it starts without
 * compiling TypeScript in the process, which on a busy 2-core machine can outlast the bench's 60 s
 * start deadline; a start that still misses it is tried again.
 */
export async function startCompiledApi(postgres: BenchPostgres, jwtSecret: string, log: (line: string) => void): Promise<ApiProcess> {
  built ??= buildApi(join(postgres.directory, 'dist'));
  const argv = await built;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startApi(postgres.url, jwtSecret, postgres.directory, argv);
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`  the API did not start (${(error as Error).message.split('\n')[0]}); trying again`);
    }
  }
}
