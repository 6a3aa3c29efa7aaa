import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDelivery } from '#webhooks/webhook-signature.js';
import { createEntity, newTenant, useTenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp({ WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_MAX_ATTEMPTS: '3' });
const tenant = useTenant(t);
const SECRET = 'a-secret-of-24-characters';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1: records every request; `/fail-N/…` answers 500 to its first N tries. */
let server: Server;
let base: string;
const received: Received[] = [];
beforeAll(async () => {
  const tries = new Map<string, number>();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url!, headers: request.headers, body });
      const key = `${request.url} ${request.headers['rewind-event-position']}`;
      tries.set(key, (tries.get(key) ?? 0) + 1);
      const failures = Number(/^\/fail-(\d+)\//.exec(request.url!)?.[1] ?? 0);
      response.writeHead(tries.get(key)! <= failures ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const waitFor = async <T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

async function register(path: string, extra: object = {}) {
  const response = await t.http.post('/api/v1/admin/webhooks').set('Authorization', tenant.admin.auth).send({ url: `${base}${path}`, secret: SECRET, ...extra }).expect(201);
  return response;
}

const deliveriesOf = async (id: string) =>
  (await t.http.get(`/api/v1/admin/webhooks/${id}/deliveries`).set('Authorization', tenant.admin.auth).expect(200)).body.items as {
    position: number;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
  }[];

describe('webhooks', () => {
  it('registers a webhook without ever showing its secret, and lists it', async () => {
    const response = await register('/listed');
    expect(response.headers.location).toBe(`/api/v1/admin/webhooks/${response.body.id}`);
    expect(response.body).toEqual({ id: expect.any(String), url: `${base}/listed`, entityKinds: null, createdAt: expect.any(String), createdBy: tenant.admin.id });
    const list = await t.http.get('/api/v1/admin/webhooks').set('Authorization', tenant.admin.auth).expect(200);
    expect(list.body.items).toContainEqual(response.body);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
  });

  it('delivers each revision as signed JSON that matches the /events item', async () => {
    const { body: hook } = await register('/signed', { entityKinds: ['dashboard'] });
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Revenue' });
    await createEntity(t, tenant.owner.auth, 'datasets', { tableName: 'not_for_this_hook' });
    const delivery = await waitFor(() => received.find((request) => request.path === '/signed'));

    expect(verifyDelivery(SECRET, delivery.body, delivery.headers['rewind-signature'] as string)).toBe(true);
    expect(verifyDelivery('another-secret-entirely', delivery.body, delivery.headers['rewind-signature'] as string)).toBe(false);
    const stale = Date.now() + 10 * 60_000;
    expect(verifyDelivery(SECRET, delivery.body, delivery.headers['rewind-signature'] as string, 300, stale)).toBe(false);
    expect(delivery.headers['content-type']).toBe('application/json');

    const payload = JSON.parse(delivery.body);
    const events = await t.http.get('/api/v1/events').set('Authorization', tenant.admin.auth).expect(200);
    const item = events.body.items.find((event: { entityId: string }) => event.entityId === dashboard.id);
    expect(payload).toEqual({ webhookId: hook.id, event: item });
    expect(delivery.headers['rewind-event-position']).toBe(String(item.position));

    await waitFor(async () => ((await deliveriesOf(hook.id))[0]?.status === 'delivered' ? true : undefined));
    const log = await deliveriesOf(hook.id);
    expect(log).toEqual([expect.objectContaining({ position: item.position, status: 'delivered', attempts: 1, lastStatusCode: 200 })]);
  });

  it('retries a failing receiver with backoff until it answers', async () => {
    const { body: hook } = await register('/fail-2/retry');
    await createEntity(t, tenant.owner.auth, 'charts', { name: 'Retried', vizType: 'table' });
    const [delivery] = await waitFor(async () => {
      const log = await deliveriesOf(hook.id);
      return log[0]?.status === 'delivered' ? log : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200 });
    const tries = received.filter((request) => request.path === '/fail-2/retry');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((request) => request.headers['rewind-event-position'])).size).toBe(1);
  });

  it('gives up after the last try and logs it as failed', async () => {
    const { body: hook } = await register('/fail-99/always');
    await createEntity(t, tenant.owner.auth, 'charts', { name: 'Never delivered', vizType: 'table' });
    const [delivery] = await waitFor(async () => {
      const log = await deliveriesOf(hook.id);
      return log[0]?.status === 'failed' ? log : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
  });

  it('removes a webhook: 204, then 404, and nothing more is sent to it', async () => {
    const { body: hook } = await register('/removed');
    await t.http.delete(`/api/v1/admin/webhooks/${hook.id}`).set('Authorization', tenant.admin.auth).expect(204);
    await t.http.delete(`/api/v1/admin/webhooks/${hook.id}`).set('Authorization', tenant.admin.auth).expect(404);
    await t.http.get(`/api/v1/admin/webhooks/${hook.id}/deliveries`).set('Authorization', tenant.admin.auth).expect(404);
    await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'After removal' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((request) => request.path === '/removed')).toEqual([]);
  });

  it.each([
    [{ url: 'ftp://example.com/hook', secret: SECRET }, 'url'],
    [{ url: 'javascript:alert(1)', secret: SECRET }, 'url'],
    [{ url: 'not a url', secret: SECRET }, 'url'],
    [{ secret: SECRET }, 'url'],
    [{ url: 'https://example.com/hook', secret: 'short' }, 'secret'],
    [{ url: 'https://example.com/hook' }, 'secret'],
    [{ url: 'https://example.com/hook', secret: SECRET, entityKinds: ['widget'] }, 'entityKinds'],
    [{ url: 'https://example.com/hook', secret: SECRET, entityKinds: 'dashboard' }, 'entityKinds'],
    [{ url: 'https://example.com/hook', secret: SECRET, events: 'all' }, 'events'],
  ])('refuses %j with a 400 naming %s, and stores nothing', async (body, field) => {
    const before = (await t.http.get('/api/v1/admin/webhooks').set('Authorization', tenant.admin.auth)).body.items.length;
    const response = await t.http.post('/api/v1/admin/webhooks').set('Authorization', tenant.admin.auth).send(body).expect(400);
    expect(response.body.message.join(' ')).toContain(field);
    expect((await t.http.get('/api/v1/admin/webhooks').set('Authorization', tenant.admin.auth)).body.items.length).toBe(before);
  });

  it('is for admins of the org only', async () => {
    const { body: hook } = await register('/private');
    for (const auth of [tenant.viewer.auth, tenant.editor.auth, t.auth('indexer', tenant.org, 'integration')]) {
      await t.http.get('/api/v1/admin/webhooks').set('Authorization', auth).expect(403);
      await t.http.post('/api/v1/admin/webhooks').set('Authorization', auth).send({ url: `${base}/x`, secret: SECRET }).expect(403);
    }
    const other = newTenant(t);
    const theirs = await t.http.get('/api/v1/admin/webhooks').set('Authorization', other.admin.auth).expect(200);
    expect(theirs.body.items).toEqual([]);
    await t.http.get(`/api/v1/admin/webhooks/${hook.id}/deliveries`).set('Authorization', other.admin.auth).expect(404);
    await t.http.delete(`/api/v1/admin/webhooks/${hook.id}`).set('Authorization', other.admin.auth).expect(404);
    await t.http.delete('/api/v1/admin/webhooks/not-a-uuid').set('Authorization', tenant.admin.auth).expect(404);
  });

  it('shows the webhooks subscription to admins', async () => {
    const response = await t.http.get('/api/v1/admin/subscriptions').set('Authorization', tenant.admin.auth).expect(200);
    expect(response.body.items).toContainEqual(expect.objectContaining({ name: 'webhooks', retrying: null, parked: [] }));
    await t.http.get('/api/v1/admin/subscriptions').set('Authorization', tenant.editor.auth).expect(403);
  });
});
