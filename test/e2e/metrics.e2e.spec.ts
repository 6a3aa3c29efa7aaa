import { describe, expect, it } from 'vitest';
import { createEntity, fixtures, useTenant } from '../support/entity-fixtures.js';
import { loadConfig } from '#config/app-config.js';
import { startTestApp, useTestApp } from '../support/test-app.js';

const t = useTestApp();
const tenant = useTenant(t);
const datasets = fixtures.datasets;

async function scrape(): Promise<string> {
  const response = await t.http.get('/metrics').expect(200);
  return response.text;
}

/** The value of one sample line (`name{labels} value`), 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => (candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `)) && wanted.every((label) => candidate.includes(label)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('GET /metrics', () => {
  it('answers Prometheus text without a token, with HELP and TYPE lines', async () => {
    const response = await t.http.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const [name, type] of [['rewind_revisions_total', 'counter'], ['rewind_http_request_duration_seconds', 'histogram'], ['rewind_conflicts_total', 'counter'], ['rewind_head_cache_hits_total', 'counter'], ['rewind_subscription_lag_events', 'gauge'], ['process_resident_memory_bytes', 'gauge']]) {
      expect(response.text).toContain(`# HELP ${name} `);
      expect(response.text).toContain(`# TYPE ${name} ${type}`);
    }
  });

  it('a token that is wrong changes nothing: scraping is unauthenticated', async () => {
    await t.http.get('/metrics').set('Authorization', 'Bearer not-a-token').expect(200);
  });

  it('a save counts one revision of its kind and operation; a re-read for writing hits the head cache', async () => {
    const bodies = await datasets.prepare(t, tenant.owner.auth);
    const entity = await createEntity(t, tenant.owner.auth, datasets.resource, bodies.create);
    const before = await scrape();
    await t.http.patch(`/api/v1/datasets/${entity.id}`).set('Authorization', tenant.owner.auth).send({ [datasets.patchField]: 'Counted' }).expect(200);
    const after = await scrape();
    expect(sample(after, 'rewind_revisions_total', { kind: 'dataset', operation: 'update' })).toBe(sample(before, 'rewind_revisions_total', { kind: 'dataset', operation: 'update' }) + 1);
    expect(sample(after, 'rewind_head_cache_hits_total', {})).toBeGreaterThan(sample(before, 'rewind_head_cache_hits_total', {}));
  });

  it('a 412 counts a conflict of its kind, and the latency histogram is labelled with the route template', async () => {
    const bodies = await datasets.prepare(t, tenant.owner.auth);
    const entity = await createEntity(t, tenant.owner.auth, datasets.resource, bodies.create);
    const before = await scrape();
    await t.http.patch(`/api/v1/datasets/${entity.id}`).set('Authorization', tenant.owner.auth).set('If-Match', '"00000000-0000-4000-8000-000000000000"').send({ [datasets.patchField]: 'Never saved' }).expect(412);
    const after = await scrape();
    expect(sample(after, 'rewind_conflicts_total', { kind: 'dataset', status: '412' })).toBe(sample(before, 'rewind_conflicts_total', { kind: 'dataset', status: '412' }) + 1);
    const labels = { method: 'PATCH', route: '/api/v1/datasets/:id', status: '412' };
    expect(sample(after, 'rewind_http_request_duration_seconds_count', labels)).toBe(sample(before, 'rewind_http_request_duration_seconds_count', labels) + 1);
    expect(after).not.toContain(entity.id); // raw URLs never become label values
  });

  it('a delete and an admin\'s purge are counted by kind', async () => {
    const bodies = await datasets.prepare(t, tenant.owner.auth);
    const entity = await createEntity(t, tenant.owner.auth, datasets.resource, bodies.create);
    const before = await scrape();
    await t.http.delete(`/api/v1/datasets/${entity.id}`).set('Authorization', tenant.owner.auth).expect(204);
    await t.http.delete(`/api/v1/datasets/${entity.id}/purge`).set('Authorization', tenant.admin.auth).expect(204);
    const after = await scrape();
    expect(sample(after, 'rewind_revisions_total', { kind: 'dataset', operation: 'delete' })).toBe(sample(before, 'rewind_revisions_total', { kind: 'dataset', operation: 'delete' }) + 1);
    expect(sample(after, 'rewind_purges_total', { kind: 'dataset', reason: 'admin' })).toBe(sample(before, 'rewind_purges_total', { kind: 'dataset', reason: 'admin' }) + 1);
  });

  it('a retention run reports its duration and the events it pruned', async () => {
    const before = await scrape();
    const run = await t.http.post('/api/v1/admin/retention/run').set('Authorization', tenant.admin.auth).expect(200);
    const after = await scrape();
    expect(sample(after, 'rewind_retention_run_duration_seconds_count', { outcome: 'pruned' })).toBe(sample(before, 'rewind_retention_run_duration_seconds_count', { outcome: 'pruned' }) + 1);
    expect(sample(after, 'rewind_retention_pruned_events_total', {})).toBe(sample(before, 'rewind_retention_pruned_events_total', {}) + run.body.prunedEvents);
  });
});

describe('METRICS_ENABLED', () => {
  it('defaults to on and refuses anything but true or false', () => {
    expect(loadConfig({}).metricsEnabled).toBe(true);
    expect(loadConfig({ METRICS_ENABLED: 'false' }).metricsEnabled).toBe(false);
    expect(() => loadConfig({ METRICS_ENABLED: 'off' })).toThrow(/METRICS_ENABLED/);
  });

  it('GET /metrics → 404 JSON, like any unknown route', async () => {
    const app = await startTestApp({ METRICS_ENABLED: 'false' });
    try {
      const response = await app.http.get('/metrics');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404 });
    } finally {
      await app.close();
    }
  });
});
