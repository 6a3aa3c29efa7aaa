import { describe, expect, it } from 'vitest';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { bundleHttp } from '../support/bundle-http.js';
import { createEntity, fixtures, useTenant, type Entity } from '../support/entity-fixtures.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';
import { startTestEngine } from '../support/test-engine.js';

const t = useTestApp();
const tenant = useTenant(t);
const datasets = fixtures.datasets;
const path = (id: string, rest = '') => `/api/v1/datasets/${id}${rest}`;
const etag = (entity: Entity) => `"${entity.versionId}"`;

async function scrape(): Promise<string> {
  return (await t.http.get('/metrics').expect(200)).text;
}

/** The value of the series `name` whose labels are exactly `labels`; 0 when it does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).join(',');
  const series = wanted ? `${name}{${wanted}} ` : `${name} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(series));
  return line ? Number(line.slice(series.length)) : 0;
}

/** How much each series grew while `work` ran. */
async function growth(work: () => Promise<unknown>, series: [string, Record<string, string>?][]): Promise<number[]> {
  const before = await scrape();
  await work();
  const after = await scrape();
  return series.map(([name, labels]) => sample(after, name, labels) - sample(before, name, labels));
}

const op = (operation: string, outcome: string, kind = 'dataset'): [string, Record<string, string>] => ['rewind_operations_total', { kind, operation, outcome }];

async function newDataset(): Promise<Entity> {
  const bodies = await datasets.prepare(t, tenant.owner.auth);
  return createEntity(t, tenant.owner.auth, datasets.resource, bodies.create);
}

const patch = (id: string, body: object, ifMatch?: string) => {
  const request = t.http.patch(path(id)).set('Authorization', tenant.owner.auth);
  return (ifMatch ? request.set('If-Match', ifMatch) : request).send(body);
};

describe('rewind_operations_total: write commands by kind, operation and outcome', () => {
  it('a save, a save that changes nothing, a merge and a collision (412) each count once, under their outcome', async () => {
    const entity = await newDataset();
    const counts = await growth(async () => {
      const saved = await patch(entity.id, { description: 'First' }, etag(entity)).expect(200);
      await patch(entity.id, { description: 'First' }).expect(200); // the same value: no version
      // Both edits below start from the first version's tag, now stale: another field merges, the same field collides.
      await patch(entity.id, { mainDttmCol: 'ordered_at' }, etag(entity)).expect(200);
      await patch(entity.id, { description: 'Colliding' }, etag(entity)).expect(412);
      expect(saved.body.version).toBe(2);
    }, [op('save', 'changed'), op('save', 'unchanged'), op('save', 'merged'), op('save', 'precondition_failed')]);
    expect(counts).toEqual([1, 1, 1, 1]);
  });

  it('a restore, its dry run, and a restore of a version that does not exist (rejected)', async () => {
    const entity = await newDataset();
    await patch(entity.id, { description: 'Edited' }).expect(200);
    const restore = (versionId: string, query = '') => t.http.post(path(entity.id, `/versions/${versionId}/restore${query}`)).set('Authorization', tenant.owner.auth);
    const counts = await growth(async () => {
      await restore(entity.versionId, '?dryRun=true').expect(200);
      await restore(entity.versionId).expect(200);
      await restore('00000000-0000-4000-8000-000000000000').expect(404);
    }, [op('restore', 'dry_run'), op('restore', 'changed'), op('restore', 'rejected')]);
    expect(counts).toEqual([1, 1, 1]);
  });

  it('an import counts once as a bundle; its entities count by kind among the revisions (a new one as a create)', async () => {
    const builder = new SupersetBundleBuilder();
    builder.chart(builder.dataset());
    const zip = await builder.zip();
    const { importZip } = bundleHttp(t);
    const counts = await growth(async () => {
      await importZip(zip, tenant);
      await importZip(zip, tenant); // the same bundle again: nothing to write
    }, [op('import', 'changed', 'bundle'), op('import', 'unchanged', 'bundle'), ['rewind_revisions_total', { kind: 'chart', operation: 'create' }]]);
    expect(counts).toEqual([1, 1, 1]);
  });

  it('a redaction and an admin\'s purge, by kind', async () => {
    const entity = await newDataset();
    await patch(entity.id, { description: 'secret-token-123 leaked' }).expect(200);
    const counts = await growth(async () => {
      await t.http.post(path(entity.id, '/redact')).set('Authorization', tenant.admin.auth).send({ match: 'secret-token-123', reason: 'leaked' }).expect(200);
      await t.http.delete(path(entity.id)).set('Authorization', tenant.owner.auth).expect(204);
      await t.http.delete(path(entity.id, '/purge')).set('Authorization', tenant.admin.auth).expect(204);
    }, [op('redact', 'changed'), op('delete', 'changed'), op('purge', 'changed')]);
    expect(counts).toEqual([1, 1, 1]);
  });
});

describe('retries and the pool', () => {
  it('a save decided on a head another replica moved since is retried once, and counted', async () => {
    const entity = await newDataset();
    await patch(entity.id, { description: 'Cached here' }).expect(200); // this API now caches version 2
    const replica = await startTestEngine({}, t);
    try {
      await replica.commands.execute(new SaveEntityCommand('dataset', entity.id, { description: 'From the replica' }, 'partial', { actor: replica.actor(tenant.owner.id, tenant.org, 'editor') }));
      const [retries, saves] = await growth(() => patch(entity.id, { mainDttmCol: 'ordered_at' }).expect(200), [['rewind_retries_total', { kind: 'dataset' }], op('save', 'changed')]);
      expect([retries, saves]).toEqual([1, 1]);
    } finally {
      await replica.close();
    }
  });

  it('every request\'s statements wait for a pooled connection, and the wait is recorded', async () => {
    const [waits] = await growth(() => t.http.get('/api/v1/datasets').set('Authorization', tenant.owner.auth).expect(200), [['rewind_db_pool_wait_seconds_count']]);
    expect(waits).toBeGreaterThan(0);
    expect(await scrape()).toContain('# TYPE rewind_db_pool_wait_seconds histogram');
  });
});
