import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { AppModule } from '#api/app.module.js';
import { configureApp } from '#api/configure-app.js';
import { loadConfig } from '#config/app-config.js';
import { createTestDatabase } from './test-database.js';

export interface PageApp {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/**
 * The API as `npm start` runs it, listening on a free port, with its own database and data folder.
 * Without JWT_SECRET in `env` it generates the dev secret there, as a fresh clone does.
 */
export async function startPageApp(options: { env?: NodeJS.ProcessEnv; historyPageDir?: string } = {}): Promise<PageApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'rewind-page-'));
  const config = { ...loadConfig({ REVISION_RETENTION_ENABLED: 'false', ...options.env }, dataDir), databaseUrl: database.url, databaseMigrationUrl: database.migrationUrl };
  // NestFactory as main.ts does: a testing module would build ServeStaticModule before the HTTP adapter exists.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { historyPageDir: options.historyPageDir }), { bodyParser: false, abortOnError: false, logger: process.env.TEST_LOG ? ['error', 'warn'] : ['fatal'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    http: supertest(app.getHttpServer()),
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
