import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '#cli/mint-token.js';
import { verifyDelivery } from '#webhooks/webhook-signature.js';
import { startApiChild, type ApiChild } from '../support/api-child.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const JWT_SECRET = 'crash-test-secret';
const SECRET = 'webhook-secret-for-the-crash-test';
const ORG = 'org-crash';
const admin = `Bearer ${mintToken(JWT_SECRET, { sub: 'ada', org: ORG, roles: ['admin'] })}`;
const ENV = { JWT_SECRET, WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_TIMEOUT_MS: '1000' };

let database: TestDatabase;
let server: Server;
let hookUrl: string;
/** Event positions the receiver accepted, repeats included: a receiver dedupes by position. */
const received: number[] = [];
const running: ApiChild[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (!verifyDelivery(SECRET, body, request.headers['rewind-signature'] as string)) return void response.writeHead(401).end();
      // A little slow, so the kill lands while deliveries are in flight.
      setTimeout(() => {
        received.push(JSON.parse(body).event.position);
        response.writeHead(204).end();
      }, 15);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  for (const api of running) await api.kill();
  await new Promise((resolve) => server.close(resolve));
  await database?.drop();
});

async function start(): Promise<ApiChild> {
  const api = await startApiChild({ ...ENV, DATABASE_URL: database.url, DATABASE_MIGRATION_URL: database.migrationUrl });
  running.push(api);
  return api;
}

const post = (api: ApiChild, path: string, body: object) =>
  fetch(`${api.url}${path}`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('webhooks across a crash', () => {
  it('SIGKILL mid-burst, restart: every committed event is delivered at least once', async () => {
    const first = await start();
    expect((await post(first, '/api/v1/admin/webhooks', { url: hookUrl, secret: SECRET })).status).toBe(201);

    // A burst of saves from 4 clients; the API is killed while it runs and deliveries are in flight.
    let stop = false;
    const burst = Array.from({ length: 4 }, async () => {
      while (!stop) await post(first, '/api/v1/dashboards', { title: 'burst' }).catch(() => undefined);
    });
    while (received.length < 15) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.kill();
    stop = true;
    await Promise.all(burst);
    const deliveredBeforeKill = received.length;

    await start();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // Everything that committed, acknowledged or not, must arrive.
      const { rows } = await client.query<{ position: string }>(`select position from revision_events where metadata ->> 'org' = $1`, [ORG]);
      const committed = rows.map((row) => Number(row.position));
      // The kill left committed events undelivered: only the restarted API can have sent them.
      expect(committed.filter((position) => !received.slice(0, deliveredBeforeKill).includes(position)).length).toBeGreaterThan(0);
      const deadline = Date.now() + 60_000;
      while (!committed.every((position) => received.includes(position))) {
        if (Date.now() > deadline) throw new Error(`missing: ${committed.filter((position) => !received.includes(position)).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(new Set(received)).toEqual(new Set(committed));
      expect(received.length).toBeGreaterThanOrEqual(deliveredBeforeKill);
    } finally {
      await client.end();
    }
  }, 180_000);
});
