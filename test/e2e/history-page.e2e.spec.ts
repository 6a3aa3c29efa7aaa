import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageApp, type PageApp } from '../support/page-app.js';

/** A stand-in build of the page: what `vite build` writes, in miniature. */
function fakePageBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rewind-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Rewind</title><script type="module" src="./assets/app-1a2b.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("page")');
  return dir;
}

describe('the history page at / (dev secret generated)', () => {
  let page: PageApp;
  beforeAll(async () => {
    page = await startPageApp({ historyPageDir: fakePageBuild() });
  });
  afterAll(() => page?.close());

  it('serves the page and its assets, with cache headers that fit each', async () => {
    const index = await page.http.get('/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    const asset = await page.http.get('/assets/app-1a2b.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('shadows none of /api, /health, /docs, /metrics', async () => {
    await page.http.get('/health').expect(200).expect('content-type', /json/);
    await page.http.get('/metrics').expect(200).expect('content-type', /text\/plain/);
    await page.http.get('/docs-json').expect(200).expect('content-type', /json/);
    const unknown = await page.http.get('/api/v1/nothing-here').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    await page.http.get('/api/v1/dashboards').expect(401);
    await page.http.get('/no-such-file.js').expect(404);
  });

  it('mints a working token for dev sign-in', async () => {
    const { body } = await page.http.post('/api/v1/dev/token').send({ sub: 'alice', org: 'acme', roles: ['editor'] }).expect(201);
    await page.http.get('/api/v1/dashboards').set('Authorization', `Bearer ${body.token}`).expect(200);
  });

  it('refuses bad dev sign-in requests with a 400 naming the field', async () => {
    for (const bad of [{ sub: '', org: 'acme', roles: ['editor'] }, { sub: 'a', org: 'acme', roles: ['root'] }, { sub: 'a', org: 'a b', roles: [] }, { sub: 'a', org: 'acme', roles: [], admin: true }, []]) {
      const { body } = await page.http.post('/api/v1/dev/token').send(bad).expect(400);
      expect(body.message.join(' ')).toMatch(/sub|org|roles|unknown/);
    }
  });
});

describe('dev sign-in does not exist', () => {
  const absent = async (env: NodeJS.ProcessEnv) => {
    const page = await startPageApp({ env });
    try {
      await page.http.post('/api/v1/dev/token').send({ sub: 'alice', org: 'acme', roles: ['admin'] }).expect(404);
      const { body } = await page.http.get('/docs-json').expect(200);
      expect(body.paths['/api/v1/dev/token']).toBeUndefined();
    } finally {
      await page.close();
    }
  };

  it('when JWT_SECRET is set', () => absent({ JWT_SECRET: 'a-real-secret' }));
  it('in production', () => absent({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret' }));
  it('when tokens are verified with a public key', () => absent({ JWT_PUBLIC_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString() }));
});
