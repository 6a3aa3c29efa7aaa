import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

describe('RS256 tokens when JWT_PUBLIC_KEY is set', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  });
  afterAll(() => t?.close());

  const claims = { org: 'acme', roles: ['viewer'] };

  it('accepts a token signed with the private key and refuses HS256 ones', async () => {
    const rs256 = jwt.sign(claims, privateKey, { algorithm: 'RS256', subject: 'ann', expiresIn: '5m' });
    await t.http.get('/api/v1/dashboards').set('Authorization', `Bearer ${rs256}`).expect(200);
    const hs256 = jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'ann', expiresIn: '5m' });
    await t.http.get('/api/v1/dashboards').set('Authorization', `Bearer ${hs256}`).expect(401);
  });
});
