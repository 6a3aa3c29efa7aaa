import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '#revisions/errors.js';
import { ChangeFeedQuery } from '#revisions/queries/change-feed/change-feed.query.js';
import { ListEntitiesQuery } from '#revisions/queries/list-entities/list-entities.query.js';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { newChart, newDashboard, newDataset, newTenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

describe('filters', () => {
  const t = useTestApp();
  const api = (method: 'get' | 'patch', path: string, auth: string) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);
  const versionsOf = (body: { items: { version: number }[] }) => body.items.map((item) => item.version);

  it('versions: by actor, by change kind and by path prefix', async () => {
    const tenant = newTenant(t);
    const chart = await newChart(t, tenant.owner.auth, { params: { time_range: 'Last week', groupby: ['country'] } });
    await api('patch', `charts/${chart.id}`, tenant.admin.auth).send({ params: { time_range: 'Last month', groupby: ['country'] } }).expect(200); // v2 time_range by admin
    await api('patch', `charts/${chart.id}`, tenant.owner.auth).send({ name: 'Renamed' }).expect(200); // v3 field by owner
    await api('patch', `charts/${chart.id}`, tenant.owner.auth).send({ params: { time_range: 'Last year', groupby: ['country'] } }).expect(200); // v4 time_range by owner
    const query = (q: string) => api('get', `charts/${chart.id}/versions?${q}`, tenant.viewer.auth).expect(200).then((r) => r.body);
    expect(versionsOf(await query('kind=time_range'))).toEqual([4, 2]);
    expect(versionsOf(await query(`actor=${tenant.admin.id}`))).toEqual([2]);
    expect(versionsOf(await query(`actor=${tenant.owner.id}&kind=time_range`))).toEqual([4]);
    expect(versionsOf(await query('path=params.time_range'))).toEqual([4, 2]);
    expect(versionsOf(await query('path=params'))).toEqual([4, 2]);
    expect(versionsOf(await query('path=name'))).toEqual([3]);
    const first = await query('kind=time_range&limit=1');
    expect(versionsOf(first)).toEqual([4]);
    expect(versionsOf(await query(`kind=time_range&limit=1&cursor=${first.nextCursor}`))).toEqual([2]);
    expect((await query('actor=nobody')).items).toEqual([]);
  });

  it('change feed: by entity and by actor', async () => {
    const tenant = newTenant(t);
    const a = await newDataset(t, tenant.owner.auth);
    const b = await newDataset(t, tenant.owner.auth);
    await api('patch', `datasets/${a.id}`, tenant.owner.auth).send({ description: 'a by owner' }).expect(200);
    await api('patch', `datasets/${b.id}`, tenant.admin.auth).send({ description: 'b by admin' }).expect(200);
    const feed = (q: string) => api('get', `changes?${q}`, tenant.viewer.auth).expect(200).then((r) => r.body.items);
    expect((await feed(`entityId=${a.id}`)).map((item: { entityId: string }) => item.entityId)).toEqual([a.id]);
    expect((await feed(`actor=${tenant.admin.id}`)).map((item: { to: string }) => item.to)).toEqual(['b by admin']);
    expect(await feed(`entityId=${a.id}&actor=${tenant.admin.id}`)).toEqual([]);
  });

  it('entity lists: by owner, tag, published and q (case-insensitive, wildcards literal)', async () => {
    const tenant = newTenant(t);
    const sales = await newDashboard(t, tenant.owner.auth, { title: 'Quarterly SALES review', tags: ['finance'], published: true, chartIds: [] });
    const ops = await newDashboard(t, tenant.editor.auth, { title: 'Ops 100% uptime', tags: ['ops'], published: false, chartIds: [] });
    const list = (q: string) => api('get', `dashboards?${q}`, tenant.viewer.auth).expect(200).then((r) => r.body.items.map((item: { id: string }) => item.id));
    expect(await list(`owner=${tenant.owner.id}`)).toEqual([sales.id]);
    expect(await list('tag=ops')).toEqual([ops.id]);
    expect(await list('published=true')).toEqual([sales.id]);
    expect(await list('published=false')).toEqual([ops.id]);
    expect(await list('q=sales')).toEqual([sales.id]);
    expect(await list(`q=${encodeURIComponent('100%')}`)).toEqual([ops.id]);
    expect(await list(`q=${encodeURIComponent('%')}`)).toEqual([ops.id]); // % is literal, not "anything"
    expect(await list('q=SALES&tag=ops')).toEqual([]);
    const dataset = await newDataset(t, tenant.owner.auth, { tableName: 'Orders_Daily' });
    expect((await api('get', 'datasets?q=orders_d', tenant.viewer.auth).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([dataset.id]);
  });

  it('q is served by a trigram index', async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(`explain select id from dashboards where title ilike '%sales%'`);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/dashboards_title_trgm/);
  });

  it.each([
    ['charts/{chart}/versions?kind=colour', 'kind must be one of'],
    ['charts/{chart}/versions?actor=', 'actor must be one non-blank string of at most 200 characters'],
    ['charts/{chart}/versions?actor=a&actor=b', 'query parameter actor must be given once'],
    ['charts/{chart}/versions?path=params..x', 'path must be dot-separated non-empty keys, such as params.time_range'],
    ['changes?entityId=not-a-uuid', 'entityId must be a UUID'],
    ['changes?actor=', 'actor must be one non-blank string of at most 200 characters'],
    ['dashboards?published=yes', 'published must be true or false'],
    ['charts?published=true', 'published is not a field of chart'],
    ['dashboards?owner=', 'owner must be one non-blank string of at most 200 characters'],
    ['dashboards?tag=a&tag=b', 'query parameter tag must be given once'],
    [`dashboards?q=${'x'.repeat(201)}`, 'q must be one non-blank string of at most 200 characters'],
  ])('GET %s → 400 naming the parameter', async (path, problem) => {
    const tenant = newTenant(t);
    const chart = await newChart(t, tenant.owner.auth);
    const response = await api('get', path.replace('{chart}', chart.id), tenant.viewer.auth).expect(400);
    expect(response.body.message.join(' ')).toContain(problem);
  });

  it('the query bus takes the same filters, with the same checks', async () => {
    const tenant = newTenant(t);
    const actor = { id: 'tool', org: tenant.org, roles: ['viewer' as const] };
    const dashboard = await newDashboard(t, tenant.owner.auth, { title: 'Bus search', tags: ['bus'], chartIds: [] });
    expect((await t.queries.execute(new ListEntitiesQuery('dashboard', actor, undefined, undefined, { q: 'bus sea', tag: 'bus' }))).items.map((item) => item.id)).toEqual([dashboard.id]);
    expect((await t.queries.execute(new ListVersionsQuery('dashboard', dashboard.id, actor, undefined, undefined, { actor: tenant.owner.id }))).items).toHaveLength(1);
    expect((await t.queries.execute(new ChangeFeedQuery(actor, { entityId: dashboard.id }))).items).toEqual([]);
    await expect(t.queries.execute(new ListEntitiesQuery('dashboard', actor, undefined, undefined, { published: 'maybe' }))).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(t.queries.execute(new ListVersionsQuery('dashboard', dashboard.id, actor, undefined, undefined, { kind: 7 }))).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(t.queries.execute(new ChangeFeedQuery(actor, { entityId: 'x' }))).rejects.toBeInstanceOf(ValidationFailedError);
  });
});
