import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { fixtures } from '../support/entity-fixtures.js';
import { SERVED_KINDS, startTestApp, type TestApp } from '../support/test-app.js';
import { testKindDefinitions } from '../kinds/test-kinds.js';
import { rebuildAsMigrationRole } from '../support/test-engine.js';

// Every served kind's tables (the test-only ones too); child rows' surrogate ids are renumbered by
// a rebuild, everything else must match exactly.
const TABLES: Record<string, { order: string; omit?: string[] }> = {
  ...Object.fromEntries(
    SERVED_KINDS.definitions.flatMap((definition) => [
      [definition.table, { order: 'id' }],
      ...Object.values(definition.collections).map((spec) => [spec.table, { order: `${spec.parentColumn}, ${spec.keyColumn}`, omit: ['id'] }]),
    ]),
  ),
  revision_changes: { order: 'position, sequence' },
};

describe('rebuilding projections from the events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const [table, { order, omit = [] }] of Object.entries(TABLES)) {
      const rows = await t.db.query<Record<string, unknown>>(`select * from ${table} order by ${order}`);
      result[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !omit.includes(column))));
    }
    return result;
  }

  it('gives rows identical to those written at save time, for every kind', async () => {
    const auth = t.auth('rita', 'acme', 'editor');
    const api = (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: object) => t.http[method](`/api/v1/${path}`).set('Authorization', auth).send(body);
    const dataset = (await api('post', 'datasets', { tableName: 'orders', columns: [{ columnName: 'a', type: 'INT' }], metrics: [{ metricName: 'm', expression: 'COUNT(*)' }] })).body;
    await api('patch', `datasets/${dataset.id}`, { columns: [{ columnName: 'a', type: 'BIGINT' }, { columnName: 'b' }], description: 'x' });
    await api('patch', `datasets/${dataset.id}`, { metrics: [], columns: [{ columnName: 'b', isDttm: true }] });
    const chart = (await api('post', 'charts', { name: 'c', vizType: 'line', datasetId: dataset.id, params: { time_range: 'Last day', metrics: ['m'] } })).body;
    await api('patch', `charts/${chart.id}`, { params: { time_range: 'Last week', metrics: ['m', { label: 'avg', expressionType: 'SQL', sqlExpression: 'AVG(a)' }] } });
    const dashboard = (await api('post', 'dashboards', { title: 'd', chartIds: [chart.id], layout: { 'CHART-1': { type: 'CHART', meta: { chartId: chart.id } } } })).body;
    await api('put', `dashboards/${dashboard.id}`, { title: 'd2', metadata: { color_scheme: 'x' } });
    await api('delete', `charts/${chart.id}`);
    for (let i = 0; i < 30; i++) await api('patch', `dashboards/${dashboard.id}`, { description: `edit ${i}` });
    // A redacted stream: its events, change records and projection rewritten in place, then a Redacted version.
    const leaky = (await api('post', 'datasets', { tableName: 'leaky', sql: 'select 1 -- key sk-live-1234', columns: [{ columnName: 'k', expression: 'sk-live-1234' }] })).body;
    await api('patch', `datasets/${leaky.id}`, { description: 'uses sk-live-1234', columns: [{ columnName: 'k', expression: 'sk-live-1234 || x' }] });
    await t.http.post(`/api/v1/datasets/${leaky.id}/redact`).set('Authorization', t.auth('ada', 'acme', 'admin')).send({ match: 'sk-live-1234', reason: 'leaked key' }).expect(200);
    for (const { resource } of testKindDefinitions) {
      const bodies = await fixtures[resource].prepare(t, auth);
      const created = (await api('post', resource, bodies.create)).body;
      await api('patch', `${resource}/${created.id}`, bodies.patch);
    }
    const extra = testKindDefinitions.length; // one stream of two events each

    const before = await snapshot();
    expect(before.revision_changes.length).toBeGreaterThan(30);
    await t.db.query(`update dashboards set title = 'drifted'`); // a damaged projection is repaired too

    const progress: number[] = [];
    const result = await rebuildAsMigrationRole(t, new RebuildProjectionsCommand((done) => progress.push(done), 7));
    expect(result).toMatchObject({ streams: 4 + extra, events: 41 + 2 * extra, changes: before.revision_changes.length });
    expect(progress.at(-1)).toBe(41 + 2 * extra);
    expect(progress.length).toBeGreaterThan(1); // it went in batches
    expect(await snapshot()).toEqual(before);
  });

  /** What a rebuild must carry over to the tables it swaps in: every key, constraint, grant and option. */
  async function catalog(): Promise<unknown[]> {
    return t.db.query(
      `select c.relname, c.relacl::text as acl, c.reloptions,
         array(select format('%s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
         array(select pg_get_indexdef(x.indexrelid) from pg_index x where x.indrelid = c.oid order by 1) as indexes,
         array(select format('%s %s %s', conname, pg_get_constraintdef(k.oid), convalidated) from pg_constraint k where k.conrelid = c.oid order by conname) as constraints,
         array(select format('%s %s', s.relname, s.relacl) from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S' where d.refobjid = c.oid order by 1) as sequences
       from pg_class c where c.relname = any($1::text[]) and c.relkind = 'r' order by c.relname`,
      [Object.keys(TABLES)],
    );
  }

  it('keeps every index, constraint, grant and sequence of the tables it replaces, and the API role still only appends history', async () => {
    const before = await catalog();
    await rebuildAsMigrationRole(t, new RebuildProjectionsCommand());
    expect(await catalog()).toEqual(before);
    await expect(t.db.query('delete from revision_changes')).rejects.toMatchObject({ code: '42501' });
  });

  it('lets readers read the old rows until it commits, and saves made meanwhile wait and land in the rebuilt tables', async () => {
    const auth = t.auth('rita', 'acme', 'editor');
    const dashboard = (await t.http.post('/api/v1/dashboards').set('Authorization', auth).send({ title: 'before' })).body;
    await t.db.query(`update dashboards set title = 'drifted' where id = $1`, [dashboard.id]);
    const waiting = async (relation: string) =>
      (await t.db.query<{ n: number }>(`select count(*)::int as n from pg_locks where not granted and relation = $1::regclass`, [relation]))[0].n;
    const until = async (condition: () => Promise<boolean>) => {
      for (let i = 0; !(await condition()); i++) {
        if (i === 600) throw new Error('gave up waiting for a lock wait');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const [{ events }] = await t.db.query<{ events: number }>('select count(*)::int as events from revision_events');
    const progress: number[] = [];

    // 1. A reader holds the old dashboards table open: the rebuild replays everything, then waits to swap.
    const reader = await t.db.reserve();
    try {
      await reader.query('begin');
      expect(await reader.query(`select title from dashboards where id = $1`, [dashboard.id])).toEqual([{ title: 'drifted' }]);
      const rebuild = rebuildAsMigrationRole(t, new RebuildProjectionsCommand((done) => progress.push(done), 5));
      await until(async () => (await waiting('dashboards')) > 0);
      expect(progress.at(-1)).toBe(events);

      // 2. A save now waits for the rebuild, and the reader still sees the old rows, not an empty table.
      const save = t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', auth).send({ title: 'during' });
      const saved = save.then((response) => response);
      await until(async () => (await waiting('dashboards')) + (await waiting('revision_events')) > 1);
      expect(await reader.query(`select title from dashboards where id = $1`, [dashboard.id])).toEqual([{ title: 'drifted' }]);
      await reader.query('commit');

      // 3. Both finish; the save is in the rebuilt projection and change log.
      await rebuild;
      expect((await saved).status).toBe(200);
    } finally {
      reader.release();
    }
    expect(await t.db.query(`select title, version from dashboards where id = $1`, [dashboard.id])).toEqual([{ title: 'during', version: 2 }]);
    expect(await t.db.query(`select path, "from", "to" from revision_changes where entity_id = $1 and version = 2`, [dashboard.id])).toEqual([{ path: ['title'], from: 'before', to: 'during' }]);
    const settled = await snapshot();
    await rebuildAsMigrationRole(t, new RebuildProjectionsCommand());
    expect(await snapshot()).toEqual(settled);
  });
});
