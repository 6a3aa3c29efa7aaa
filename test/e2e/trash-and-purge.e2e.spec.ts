import { describe, expect, it } from 'vitest';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { PurgeEntityCommand } from '#revisions/commands/purge-entity/purge-entity.command.js';
import { EntityNotDeletedError, ForbiddenActionError, ValidationFailedError } from '#revisions/errors.js';
import { ListTrashQuery } from '#revisions/queries/list-trash/list-trash.query.js';
import { layoutFor, newChart, newDashboard, newDataset, newTenant, type Tenant } from '../support/entity-fixtures.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

/** Rows left anywhere for one entity id, per table. */
async function rowsFor(t: TestApp, id: string): Promise<Record<string, number>> {
  const [row] = await t.db.query<Record<string, number>>(
    `select (select count(*)::int from revision_events where stream_id = $1) as events,
            (select count(*)::int from revision_changes where entity_id = $1) as changes,
            (select count(*)::int from revision_snapshots where stream_id = $1) as snapshots,
            (select count(*)::int from revision_pins where stream_id = $1) as pins,
            (select count(*)::int from dashboards where id = $1) + (select count(*)::int from charts where id = $1) + (select count(*)::int from datasets where id = $1) as heads,
            (select count(*)::int from dataset_columns where dataset_id = $1) + (select count(*)::int from dataset_metrics where dataset_id = $1) as children,
            (select count(*)::int from idempotency_keys where body ->> 'id' = $1::text) as answers,
            (select count(*)::int from resource_mappings where rewind_id = $1) as mappings`,
    [id],
  );
  return row;
}

describe('trash and purge', () => {
  const t = useTestApp({ REVISION_SNAPSHOT_EVERY: '2' });
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, auth: string) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);

  it('lists deleted entities of the org newest first with label, who and when; filters by kind; pages', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { tableName: 'orders_trash' });
    const chart = await newChart(t, tenant.owner.auth, { name: 'Revenue', datasetId: dataset.id });
    const dashboard = await newDashboard(t, tenant.owner.auth, { title: 'Sales', chartIds: [] });
    for (const [resource, id] of [['dashboards', dashboard.id], ['charts', chart.id], ['datasets', dataset.id]]) await api('delete', `${resource}/${id}`, tenant.admin.auth).expect(204);
    const otherOrg = newTenant(t);
    const theirs = await newDashboard(t, otherOrg.owner.auth, { chartIds: [] });
    await api('delete', `dashboards/${theirs.id}`, otherOrg.owner.auth).expect(204); // not in this org's trash

    const trash = (await api('get', 'trash', tenant.viewer.auth).expect(200)).body;
    expect(trash.items).toEqual([
      { entityKind: 'dataset', id: dataset.id, label: 'orders_trash', deletedAt: expect.any(String), deletedBy: tenant.admin.id, version: 2 },
      { entityKind: 'chart', id: chart.id, label: 'Revenue', deletedAt: expect.any(String), deletedBy: tenant.admin.id, version: 2 },
      { entityKind: 'dashboard', id: dashboard.id, label: 'Sales', deletedAt: expect.any(String), deletedBy: tenant.admin.id, version: 2 },
    ]);
    expect(trash.nextCursor).toBeNull();
    expect((await api('get', 'trash?entityKind=chart', tenant.viewer.auth).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([chart.id]);

    const first = (await api('get', 'trash?limit=2', tenant.viewer.auth).expect(200)).body;
    const second = (await api('get', `trash?limit=2&cursor=${first.nextCursor}`, tenant.viewer.auth).expect(200)).body;
    expect([...first.items, ...second.items].map((item: { id: string }) => item.id)).toEqual([dataset.id, chart.id, dashboard.id]);
    expect(second.nextCursor).toBeNull();

    // Restoring any version takes it out of the trash.
    await api('post', `charts/${chart.id}/versions/${chart.versionId}/restore`, tenant.admin.auth).expect(200);
    expect((await api('get', 'trash', tenant.viewer.auth).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([dataset.id, dashboard.id]);
  });

  it.each([
    ['entityKind=widget', 'entityKind must be one of'],
    ['entityKind=chart&entityKind=dataset', 'query parameter entityKind must be given once'],
    ['limit=0', 'limit must be an integer from 1 to 100'],
    ['limit=abc', 'limit must be an integer from 1 to 100'],
    ['cursor=garbage', 'cursor is not valid'],
  ])('GET /trash?%s → 400 naming the parameter', async (query, problem) => {
    const tenant = newTenant(t);
    const response = await api('get', `trash?${query}`, tenant.viewer.auth).expect(400);
    expect(response.body.message.join(' ')).toContain(problem);
  });

  it('purge: admins only, deleted entities only; leaves one revision_purges row and nothing else', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { tableName: 'secrets_table' });
    const keyed = await t.http.patch(`/api/v1/datasets/${dataset.id}`).set('Authorization', tenant.owner.auth).set('Idempotency-Key', `k-${dataset.id}`).send({ description: 'keyed' }).expect(200);
    expect(keyed.body.id).toBe(dataset.id);
    for (let v = 0; v < 3; v++) await api('patch', `datasets/${dataset.id}`, tenant.owner.auth).send({ description: `edit ${v}` }).expect(200);
    await api('put', `datasets/${dataset.id}/versions/${dataset.versionId}/pin`, tenant.owner.auth).send({ label: 'first' }).expect(200);
    await t.db.query(`insert into resource_mappings (org_id, source, entity_kind, source_uuid, rewind_id) values ($1, 'superset', 'dataset', gen_random_uuid(), $2)`, [tenant.org, dataset.id]);

    await api('delete', `datasets/${dataset.id}/purge`, tenant.admin.auth).expect(409); // still live
    await api('delete', `datasets/${dataset.id}`, tenant.owner.auth).expect(204);
    await api('delete', `datasets/${dataset.id}/purge`, tenant.owner.auth).expect(403);
    await api('delete', `datasets/${dataset.id}/purge`, tenant.viewer.auth).expect(403);
    await api('delete', `datasets/${dataset.id}/purge`, newTenant(t).admin.auth).expect(404);
    await api('delete', `datasets/not-a-uuid/purge`, tenant.admin.auth).expect(404);
    expect(Object.values(await rowsFor(t, dataset.id)).every((n) => n > 0)).toBe(true);

    await api('delete', `datasets/${dataset.id}/purge`, tenant.admin.auth).expect(204);
    expect(await rowsFor(t, dataset.id)).toEqual({ events: 0, changes: 0, snapshots: 0, pins: 0, heads: 0, children: 0, answers: 0, mappings: 0 });
    const purges = await t.db.query('select org_id, entity_kind, entity_id, label, purged_by, reason from revision_purges where entity_id = $1', [dataset.id]);
    expect(purges).toEqual([{ org_id: tenant.org, entity_kind: 'dataset', entity_id: dataset.id, label: 'secrets_table', purged_by: tenant.admin.id, reason: 'admin' }]);
    await api('get', `datasets/${dataset.id}/versions`, tenant.admin.auth).expect(404);
    await api('delete', `datasets/${dataset.id}/purge`, tenant.admin.auth).expect(404);
    expect((await api('get', 'trash', tenant.admin.auth).expect(200)).body.items).toEqual([]);
  });

  it('a dashboard that names a purged chart keeps working; its next save drops the dead reference', async () => {
    const tenant = newTenant(t);
    const kept = await newChart(t, tenant.owner.auth);
    const doomed = await newChart(t, tenant.owner.auth);
    const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [kept.id, doomed.id], layout: layoutFor([kept.id, doomed.id]) });
    await api('delete', `charts/${doomed.id}`, tenant.owner.auth).expect(204);
    await api('delete', `charts/${doomed.id}/purge`, tenant.admin.auth).expect(204);

    expect((await api('get', `dashboards/${dashboard.id}`, tenant.owner.auth).expect(200)).body.chartIds).toEqual([kept.id, doomed.id].sort());
    await api('get', `dashboards/${dashboard.id}/versions`, tenant.owner.auth).expect(200);
    const saved = (await api('patch', `dashboards/${dashboard.id}`, tenant.owner.auth).send({ description: 'after the purge' }).expect(200)).body;
    expect(saved.chartIds).toEqual([kept.id]);
    expect(JSON.stringify(saved.layout)).not.toContain(doomed.id);
    // The append that found the reference gone wrote nothing: one new version, not two.
    expect(saved.version).toBe(dashboard.version + 1);
    const events = await t.db.query<{ version: number }>(`select version from revision_events where stream_id = $1 order by version`, [dashboard.id]);
    expect(events.map((event) => event.version)).toEqual([1, 2]);
    const restored = await api('post', `dashboards/${dashboard.id}/versions/${dashboard.versionId}/restore`, tenant.owner.auth).expect(200);
    expect(restored.body.chartIds).toEqual([kept.id]);
  });

  it('the retention job purges what stayed in the trash longer than REVISION_TRASH_DAYS', async () => {
    const tenant = newTenant(t);
    const now = t.clock.now();
    const old = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
    t.clock.set(new Date(now.getTime() - 40 * DAY));
    await api('delete', `dashboards/${old.id}`, tenant.owner.auth).expect(204);
    const recent = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
    t.clock.set(new Date(now.getTime() - 10 * DAY));
    await api('delete', `dashboards/${recent.id}`, tenant.owner.auth).expect(204);
    t.clock.set(now);

    expect(await t.commands.execute(new PruneRevisionsCommand({ days: 0, maxVersions: 0, trashDays: 0 }))).toMatchObject({ purgedEntities: 0 });
    const result = await t.commands.execute(new PruneRevisionsCommand({ days: 0, maxVersions: 0, trashDays: 30 }));
    expect(result.purgedEntities).toBeGreaterThanOrEqual(1);
    expect((await rowsFor(t, old.id)).events).toBe(0);
    expect((await rowsFor(t, recent.id)).events).toBe(2);
    const [purge] = await t.db.query('select purged_by, reason from revision_purges where entity_id = $1', [old.id]);
    expect(purge).toEqual({ purged_by: 'retention', reason: 'trash_expired' });
  });

  it('the API role cannot delete history itself, flag or not, and the purge function refuses a live stream', async () => {
    const tenant = newTenant(t);
    const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
    const asApi = (statements: string[]) => t.db.transaction(async (tx) => {
      for (const statement of statements) await tx.query(statement, statement.includes('$1') ? [dashboard.id] : []);
    });
    await expect(asApi([`set local rewind.purge = 'on'`, 'delete from revision_events where stream_id = $1'])).rejects.toThrow(/permission denied/);
    await expect(asApi([`set local rewind.purge = 'on'`, 'delete from revision_changes where entity_id = $1'])).rejects.toThrow(/permission denied/);
    await expect(asApi(['delete from revision_purges'])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`select rewind_purge_stream('dashboard', $1, $2, 'x', 'x', now(), 'admin')`, [dashboard.id, tenant.org])).rejects.toThrow(/only a deleted stream can be purged/);
    expect((await rowsFor(t, dashboard.id)).events).toBe(1);
  });

  describe('on the command and query buses', () => {
    const actor = (tenant: Tenant, ...roles: ('viewer' | 'admin' | 'editor')[]) => ({ id: 'tool', org: tenant.org, roles });

    it('ListTrashQuery and PurgeEntityCommand follow the same rules', async () => {
      const tenant = newTenant(t);
      const dashboard = await newDashboard(t, tenant.owner.auth, { chartIds: [] });
      await expect(t.commands.execute(new PurgeEntityCommand('dashboard', dashboard.id, { actor: actor(tenant, 'admin') }))).rejects.toBeInstanceOf(EntityNotDeletedError);
      await api('delete', `dashboards/${dashboard.id}`, tenant.owner.auth).expect(204);
      expect((await t.queries.execute(new ListTrashQuery(actor(tenant, 'viewer'), {}))).items).toHaveLength(1);
      await expect(t.queries.execute(new ListTrashQuery(actor(tenant, 'viewer'), { entityKind: 'widget' }))).rejects.toBeInstanceOf(ValidationFailedError);
      await expect(t.commands.execute(new PurgeEntityCommand('dashboard', dashboard.id, { actor: actor(tenant, 'editor') }))).rejects.toBeInstanceOf(ForbiddenActionError);
      await t.commands.execute(new PurgeEntityCommand('dashboard', dashboard.id, { actor: actor(tenant, 'admin') }));
      expect((await t.queries.execute(new ListTrashQuery(actor(tenant, 'viewer'), {}))).items).toEqual([]);
    });
  });
});
