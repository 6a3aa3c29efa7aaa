import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import supertest from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { AppModule } from '#api/app.module.js';
import { configureApp } from '#api/configure-app.js';
import { mintToken } from '#cli/mint-token.js';
import { loadConfig } from '#config/app-config.js';
import { Database } from '#database/database.js';
import type { Role } from '#revisions/actor.js';
import { Clock } from '#revisions/clock.js';
import { testKindDefinitions, testKindMigrations } from '#test/kinds/test-kinds.js';
import { entityDefinitions } from '#entities/entity-definitions.js';
import { TestClock } from './test-clock.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { createTestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'rewind-test-secret';

/** The real kinds and the test-only ones (test/kinds), with the test kinds' migrations. */
export const SERVED_KINDS = { definitions: [...entityDefinitions, ...testKindDefinitions], migrations: testKindMigrations };

export interface TestApp {
  app: NestExpressApplication;
  /** supertest agent bound to the app's HTTP server */
  http: ReturnType<typeof supertest>;
  commands: CommandBus;
  queries: QueryBus;
  db: Database;
  /** The API role's connection string. */
  databaseUrl: string;
  /** The migration role's connection string (owns the schema). */
  migrationUrl: string;
  clock: TestClock;
  /** The TCP hop to PostgreSQL, when started `throughProxy`: cut it for an outage. */
  proxy?: TcpProxy;
  /** `Authorization` header value of a valid token. */
  auth(sub: string, org: string, ...roles: Role[]): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Replaces providers (fault injection), as `TestingModuleBuilder.overrideProvider` does. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** The API reaches PostgreSQL through a TCP proxy the test can cut (a database outage). */
  throughProxy?: boolean;
}

/** The whole API on its own fresh database, configured exactly as `main.ts` does. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const proxy = options.throughProxy ? await proxyTo(database.url) : undefined;
  const databaseUrl = proxy ? proxy.url : database.url;
  const config = { ...loadConfig({ REVISION_RETENTION_ENABLED: 'false', LOG_LEVEL: process.env.TEST_LOG ? 'warn' : 'fatal', LOG_FORMAT: 'json', ...env, JWT_SECRET: TEST_JWT_SECRET }), databaseUrl, databaseMigrationUrl: database.migrationUrl };
  const clock = new TestClock();
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config, SERVED_KINDS)] })
    .overrideProvider(Clock)
    .useValue(clock);
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: process.env.TEST_LOG ? ['error', 'warn'] : ['fatal'] });
  configureApp(app, { corsOrigins: config.corsOrigins });
  await app.init();
  return {
    app,
    http: supertest(app.getHttpServer()),
    commands: app.get(CommandBus),
    queries: app.get(QueryBus),
    db: app.get(Database),
    databaseUrl: database.url,
    migrationUrl: database.migrationUrl,
    clock,
    proxy: proxy?.proxy,
    auth: (sub, org, ...roles) => `Bearer ${mintToken(TEST_JWT_SECRET, { sub, org, roles })}`,
    close: async () => {
      await app.close();
      await proxy?.proxy.close();
      await database.drop();
    },
  };
}

async function proxyTo(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  target.hostname = '127.0.0.1';
  target.port = String(proxy.port);
  return { proxy, url: target.toString() };
}

/** The file's app: started before its first test, closed after its last, a live handle meanwhile. */
export function useTestApp(env: NodeJS.ProcessEnv = {}, options: TestAppOptions = {}): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(env, options);
  });
  afterAll(() => app?.close());
  return lateBound(() => app, 'the test app');
}

/** A handle on a value that a `beforeAll` creates later. */
export function lateBound<T extends object>(current: () => T | undefined, name: string): T {
  return new Proxy({} as T, {
    get: (_, property) => {
      const target = current();
      if (!target) throw new Error(`${name} is not ready: use it inside hooks and tests`);
      return Reflect.get(target, property);
    },
  });
}
