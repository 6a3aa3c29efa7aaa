import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { Database } from './database.js';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.server.js';
import { mikroOrmOptions } from './mikro-orm.options.js';

export interface DatabaseOptions {
  /** Unset → an embedded PostgreSQL under `dataDir/postgres`. */
  url?: string;
  dataDir: string;
  poolSize?: number;
  /** Apply pending migrations before returning. */
  migrate?: boolean;
  log?: (message: string) => void;
}

export interface OpenDatabase {
  readonly orm: MikroORM;
  readonly database: Database;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  let embedded: RunningPostgres | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({ directory: join(options.dataDir, 'postgres'), persistent: true });
    url = await ensureDatabase(embedded.adminUrl, 'rewind');
    options.log?.(`embedded PostgreSQL started at ${new URL(url).host}`);
  }
  try {
    const orm = await MikroORM.init(mikroOrmOptions(url, options.poolSize));
    if (options.migrate ?? true) await orm.migrator.up();
    const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
    return {
      orm,
      pool,
      database: new Database(pool),
      close: async () => {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
