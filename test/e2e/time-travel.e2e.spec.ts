import { describe, expect, it } from 'vitest';
import { PinVersionCommand } from '#revisions/commands/pin-version/pin-version.command.js';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { useTenant } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('time travel', () => {
  const t = useTestApp();
  const tenant = useTenant(t);
  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string, auth = tenant.owner.auth) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);

  /** A dashboard titled v1…vN, version n saved `start + (n - 1)` hours; the times of each version. */
  async function dashboardOverTime(start: number, versions: number) {
    const now = t.clock.now();
    t.clock.set(new Date(start));
    const created = (await api('post', 'dashboards').send({ title: 'v1' }).expect(201)).body;
    const times = [Date.parse(created.createdAt)];
    const versionIds = [created.versionId];
    for (let v = 2; v <= versions; v++) {
      t.clock.set(new Date(start + (v - 1) * HOUR));
      const saved = (await api('patch', `dashboards/${created.id}`).send({ title: `v${v}` }).expect(200)).body;
      times.push(Date.parse(saved.updatedAt));
      versionIds.push(saved.versionId);
    }
    t.clock.set(now);
    return { id: created.id as string, times, versionIds };
  }

  it('GET ?at= gives the state as of that instant, with that version’s ETag', async () => {
    const { id, times, versionIds } = await dashboardOverTime(Date.parse('2026-02-01T08:00:00Z'), 3);
    const at = (instant: string) => api('get', `dashboards/${id}?at=${encodeURIComponent(instant)}`);
    const middle = await at(iso(times[0] + HOUR / 2)).expect(200);
    expect(middle.body).toMatchObject({ id, title: 'v1', version: 1 });
    expect(middle.headers.etag).toBe(`"${versionIds[0]}"`);
    expect((await at(iso(times[1])).expect(200)).body.title).toBe('v2'); // the instant of a save sees it
    expect((await at('2026-02-01T10:30:00+01:00').expect(200)).body.title).toBe('v2'); // offsets count
    expect((await at('9999-12-31T23:59:59Z').expect(200)).body.title).toBe('v3');
    const before = await at(iso(times[0] - 1)).expect(404);
    expect(before.body.message).toMatch(/created later/);
    await at('2026-02-01').expect(404); // a date is its midnight, before the first save
  });

  it('a deleted entity reads as of before its deletion; at or after it is a 404', async () => {
    const { id, times } = await dashboardOverTime(Date.parse('2026-02-02T08:00:00Z'), 2);
    t.clock.set(new Date(times[1] + HOUR));
    await api('delete', `dashboards/${id}`).expect(204);
    expect((await api('get', `dashboards/${id}?at=${iso(times[1] + 1)}`).expect(200)).body.title).toBe('v2');
    const gone = await api('get', `dashboards/${id}?at=${iso(times[1] + 2 * HOUR)}`).expect(404);
    expect(gone.body.message).toMatch(/deleted then/);
  });

  it('a moment whose version was pruned → 410, before the oldest kept version and in a gap between pins', async () => {
    const start = t.clock.now().getTime() - 100 * 24 * HOUR;
    const { id, times, versionIds } = await dashboardOverTime(start, 8);
    await t.commands.execute(new PinVersionCommand('dashboard', id, versionIds[1], 'kept', { actor: { id: 'ada', org: tenant.org, roles: ['admin'] } }));
    await t.commands.execute(new PruneRevisionsCommand({ days: 30, maxVersions: 0 }, 50)); // keeps 2 (pinned), 7 (boundary) and 8
    await api('get', `dashboards/${id}?at=${iso(times[0] + 1)}`).expect(410);
    expect((await api('get', `dashboards/${id}?at=${iso(times[1])}`).expect(200)).body.title).toBe('v2');
    expect((await api('get', `dashboards/${id}?at=${iso(times[2] - 1)}`).expect(200)).body.title).toBe('v2'); // the pin stayed current until v3
    const gap = await api('get', `dashboards/${id}?at=${iso(times[3])}`).expect(410);
    expect(gap.body.message).toMatch(/was pruned by retention/);
    expect((await api('get', `dashboards/${id}?at=${iso(times[6] + 1)}`).expect(200)).body.title).toBe('v7');
    await api('get', `dashboards/${id}?at=${iso(times[0] - 1)}`).expect(404); // before creation is still a 404
  });

  it('GET /versions?before= lists the versions recorded before the instant, paged', async () => {
    const { id, times } = await dashboardOverTime(Date.parse('2026-02-03T08:00:00Z'), 4);
    const page = (query: string) => api('get', `dashboards/${id}/versions?${query}`).expect(200);
    const before = `before=${encodeURIComponent(iso(times[2]))}`;
    expect((await page(before)).body.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    const first = (await page(`${before}&limit=1`)).body;
    expect(first.items.map((item: { version: number }) => item.version)).toEqual([2]);
    const second = (await page(`${before}&limit=1&cursor=${first.nextCursor}`)).body;
    expect(second).toEqual({ items: [expect.objectContaining({ version: 1 })], nextCursor: null });
    expect((await page(`before=${iso(times[0])}`)).body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['at', 'dashboards/{id}?at=yesterday'],
    ['at', 'dashboards/{id}?at=2026-02-30T00:00:00Z'],
    ['at', 'dashboards/{id}?at=0000-01-01'],
    ['at', 'dashboards/{id}?at=2026-02-01T25:00:00Z'],
    ['at', 'dashboards/{id}?at='],
    ['before', 'dashboards/{id}/versions?before=soon'],
  ])('a bad %s (%s) → 400 naming it', async (name, path) => {
    const { id } = await dashboardOverTime(Date.parse('2026-02-04T08:00:00Z'), 1);
    const response = await api('get', path.replace('{id}', id)).expect(400);
    expect(response.body.message).toEqual([`${name} must be one ISO 8601 timestamp, such as 2026-03-01T09:30:00Z`]);
  });

  it('viewers travel too; other orgs get 404', async () => {
    const { id, times } = await dashboardOverTime(Date.parse('2026-02-05T08:00:00Z'), 2);
    expect((await api('get', `dashboards/${id}?at=${iso(times[0])}`, tenant.viewer.auth).expect(200)).body.title).toBe('v1');
    await api('get', `dashboards/${id}?at=${iso(times[0])}`, t.auth('eve', 'other-org', 'admin')).expect(404);
  });

  it('the query bus takes the same parameters, with the same checks', async () => {
    const { id, times } = await dashboardOverTime(Date.parse('2026-02-06T08:00:00Z'), 3);
    const actor = { id: 'tool', org: tenant.org, roles: ['viewer' as const] };
    expect((await t.queries.execute(new GetEntityQuery('dashboard', id, actor, { at: iso(times[1]) }))).title).toBe('v2');
    const page = await t.queries.execute(new ListVersionsQuery('dashboard', id, actor, undefined, undefined, { before: iso(times[1]) }));
    expect(page.items.map((item) => item.version)).toEqual([1]);
    await expect(t.queries.execute(new GetEntityQuery('dashboard', id, actor, { at: 42 }))).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(t.queries.execute(new ListVersionsQuery('dashboard', id, actor, undefined, undefined, { before: 'never' }))).rejects.toBeInstanceOf(ValidationFailedError);
  });
});
