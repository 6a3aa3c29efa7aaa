import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '#cli/mint-token.js';
import { compileIfStale, START_ENTRY, START_NODE_FLAGS, START_OUT_DIR } from '#scripts/compile-for-start.js';
import { startApiChild, type ApiChild } from '../support/api-child.js';
import { datasetBody } from '../support/entity-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const JWT_SECRET = 'npm-start-test-secret';
/** Its own cache folder, beside the real one so the output resolves the project's packages. */
const OUT = join('node_modules/.cache/rewind', `start-test-${process.pid}`);

describe('npm start runs swc output compiled ahead, only what changed', () => {
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('compiles every source once, then only a file changed since', async () => {
    expect(await compileIfStale(OUT)).toBeGreaterThan(100);
    expect(await compileIfStale(OUT)).toBe(0);
    // A file checked out or copied with an older mtime than when it was compiled is stale too.
    const source = 'libs/revisions/src/errors.ts';
    const { atime, mtime } = statSync(source);
    utimesSync(source, atime, new Date(mtime.getTime() - 3_600_000));
    try {
      expect(await compileIfStale(OUT)).toBe(1);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it('stack traces of the output name the TypeScript sources (source maps)', async () => {
    await compileIfStale(OUT);
    const script = `await import('reflect-metadata'); const { loadConfig } = await import('./${OUT}/libs/config/src/app-config.js'); try { loadConfig({ METRICS_ENABLED: 'off' }); } catch (error) { console.log(error.stack); }`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script]);
    expect(stdout).toMatch(/libs\/config\/src\/app-config\.ts:\d+/);
  });

  it('package.json: prestart compiles, start runs the compiled entry with plain node', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prestart).toContain('scripts/compile-for-start.ts');
    expect(scripts.start).toBe(`node ${START_NODE_FLAGS.join(' ')} ${START_ENTRY}`);
    expect(START_ENTRY.startsWith(START_OUT_DIR)).toBe(true);
  });
});

describe('the compiled API', () => {
  let database: TestDatabase;
  let api: ApiChild;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApiChild({ JWT_SECRET, DATABASE_URL: database.url, DATABASE_MIGRATION_URL: database.migrationUrl });
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    await database?.drop();
  });

  it('resolves subpath imports and injects by decorator metadata: a create and a read answer', async () => {
    const auth = `Bearer ${mintToken(JWT_SECRET, { sub: 'ada', org: 'acme', roles: ['editor'] })}`;
    const created = await fetch(`${api.url}/api/v1/datasets`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(datasetBody()),
    });
    const body = (await created.json()) as { id?: string };
    expect(created.status, JSON.stringify(body)).toBe(201);
    const read = await fetch(`${api.url}/api/v1/datasets/${body.id}`, { headers: { Authorization: auth } });
    expect(read.status).toBe(200);
  });
});
