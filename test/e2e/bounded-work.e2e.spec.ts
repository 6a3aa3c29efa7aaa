import { describe, expect, it } from 'vitest';
import { SERVER_TIMEOUTS } from '#api/configure-app.js';
import { MAX_PAGE_BYTES } from '#revisions/queries/byte-bounded-page.js';
import { countEvents, createEntity, useTenant } from '#test/support/entity-fixtures.js';
import { useTestApp } from '#test/support/test-app.js';

/** Issue 11: one legal save of a huge list froze the API, and its versions page was 9.4 MB at limit=1. */
const t = useTestApp();
const tenant = useTenant(t);

const dimensions = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}_${i}`);

describe('bounded work per request', () => {
  it('a chart save with a 50,000-item groupby writes one change record, and its versions page stays small', async () => {
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Wide', vizType: 'table', params: { groupby: ['a'] } });
    const url = `/api/v1/charts/${chart.id}`;
    const saved = await t.http.patch(url).set('Authorization', tenant.owner.auth).send({ params: { groupby: dimensions(50_000, 'd') } }).expect(200);
    expect(saved.body.params.groupby).toHaveLength(50_000);
    const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from revision_changes where entity_id = $1 and version = 2', [chart.id]);
    expect(n).toBe(1);
    const page = await t.http.get(`${url}/versions?limit=1`).set('Authorization', tenant.viewer.auth).expect(200);
    expect(page.body.items[0].changes).toEqual([{ kind: 'dimension', op: 'change', path: ['params', 'groupby'], from: ['a'], to: dimensions(50_000, 'd') }]);
    expect(Buffer.byteLength(page.text)).toBeLessThan(1024 * 1024);
  });

  it(`a versions page stops before ${MAX_PAGE_BYTES} bytes (its first item always shows) and the cursor goes on from there`, async () => {
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Heavy', vizType: 'table', params: { groupby: [] } });
    const url = `/api/v1/charts/${chart.id}`;
    for (let v = 2; v <= 6; v++) {
      await t.http.patch(url).set('Authorization', tenant.owner.auth).send({ params: { groupby: dimensions(12_000, `v${v}`) } }).expect(200);
    }
    expect(await countEvents(t, chart.id)).toBe(6);
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { text: string; body: { items: { version: number }[]; nextCursor: string | null } } = await t.http.get(`${url}/versions?limit=100${cursor ? `&cursor=${cursor}` : ''}`).set('Authorization', tenant.viewer.auth).expect(200);
      expect(page.body.items.length === 1 || Buffer.byteLength(page.text) <= MAX_PAGE_BYTES + 1024).toBe(true);
      seen.push(...page.body.items.map((item) => item.version));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it(`the change feed stops before ${MAX_PAGE_BYTES} bytes too, and its cursor goes on from there`, async () => {
    const chart = await createEntity(t, tenant.owner.auth, 'charts', { name: 'Heavy feed', vizType: 'table', params: { groupby: [] } });
    for (let v = 2; v <= 7; v++) {
      await t.http.patch(`/api/v1/charts/${chart.id}`).set('Authorization', tenant.owner.auth).send({ params: { groupby: dimensions(12_000, `f${v}`) } }).expect(200);
    }
    const seen: number[] = [];
    let cursor: string | null = '';
    for (let pages = 0; cursor !== null; pages++) {
      const page: { text: string; body: { items: { version: number }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/changes?entityId=${chart.id}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', tenant.viewer.auth)
        .expect(200);
      expect(page.body.items.length === 1 || Buffer.byteLength(page.text) <= MAX_PAGE_BYTES + 1024).toBe(true);
      if (pages === 0) expect(page.body.nextCursor).not.toBeNull(); // six records of ~260 KB do not fit one page
      seen.push(...page.body.items.map((item) => item.version));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2]);
  });

  it(`a diff's changes stop before ${MAX_PAGE_BYTES} bytes; its cursor brings the rest, exactly the records of the edits`, async () => {
    const dashboard = await createEntity(t, tenant.owner.auth, 'dashboards', { title: 'Heavy diff' });
    const text = (i: number) => `${i}:${'x'.repeat(2_000)}`;
    const metadata = Object.fromEntries(Array.from({ length: 240 }, (_, i) => [`note_${i}`, text(i)]));
    const layout = Object.fromEntries(Array.from({ length: 240 }, (_, i) => [`MARKDOWN-${i}`, { type: 'MARKDOWN', id: `MARKDOWN-${i}`, meta: { code: text(i) } }]));
    // Two saves, since one body may not exceed 1 MB either; the diff spans both.
    await t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).send({ metadata, css: 'y'.repeat(200_000) }).expect(200);
    await t.http.patch(`/api/v1/dashboards/${dashboard.id}`).set('Authorization', tenant.owner.auth).send({ layout }).expect(200);
    const changes: unknown[] = [];
    let cursor: string | null = '';
    let pages = 0;
    for (; cursor !== null; pages++) {
      const page: { text: string; body: { changes: unknown[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/dashboards/${dashboard.id}/diff?from=${dashboard.versionId}${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', tenant.viewer.auth)
        .expect(200);
      expect(page.body.changes.length === 1 || Buffer.byteLength(page.text) <= MAX_PAGE_BYTES + 1024).toBe(true);
      changes.push(...page.body.changes);
      cursor = page.body.nextCursor;
    }
    expect(pages).toBeGreaterThan(1);
    const stored = await t.db.query(`select kind, op, path, "from", "to" from revision_changes where entity_id = $1 and version in (2, 3)`, [dashboard.id]);
    const byPath = (records: unknown[]) => [...records].sort((a, b) => JSON.stringify((a as { path: string[] }).path).localeCompare(JSON.stringify((b as { path: string[] }).path)));
    expect(byPath(changes)).toEqual(byPath(stored));
  });

  it('the API’s connections carry statement and idle-in-transaction timeouts; the server, header and request timeouts', async () => {
    const [row] = await t.db.query<{ statement: string; idle: string }>(`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`);
    expect(row).toEqual({ statement: '15s', idle: '30s' });
    const server = t.app.getHttpServer();
    expect([server.headersTimeout, server.requestTimeout]).toEqual([SERVER_TIMEOUTS.headersTimeoutMs, SERVER_TIMEOUTS.requestTimeoutMs]);
  });
});
