import { describe, expect, it } from 'vitest';
import { PinVersionCommand } from '#revisions/commands/pin-version/pin-version.command.js';
import { UnpinVersionCommand } from '#revisions/commands/unpin-version/unpin-version.command.js';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { ForbiddenActionError, PinNotFoundError, ValidationFailedError } from '#revisions/errors.js';
import { newDashboard, newTenant, useTenant, type Entity } from '#test/support/entity-fixtures.js';
import { useTestApp } from '#test/support/test-app.js';

const DAY = 86_400_000;

describe('pins', () => {
  const t = useTestApp({ REVISION_SNAPSHOT_EVERY: '3' });
  const tenant = useTenant(t);
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, auth = tenant.owner.auth) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);

  /** A dashboard with `versions` versions; their version ids, oldest first. */
  async function dashboardWith(versions: number): Promise<{ dashboard: Entity; versionIds: string[] }> {
    const dashboard = await newDashboard(t, tenant.owner.auth);
    const versionIds = [dashboard.versionId];
    for (let v = 2; v <= versions; v++) versionIds.push((await api('patch', `dashboards/${dashboard.id}`).send({ title: `v${v}` }).expect(200)).body.versionId);
    return { dashboard, versionIds };
  }

  it('PUT pins a version → 200 with who, when and the label; items and the version view carry it; DELETE → 204', async () => {
    const { dashboard, versionIds } = await dashboardWith(3);
    const pinned = await api('put', `dashboards/${dashboard.id}/versions/${versionIds[1]}/pin`).send({ label: '  Q3 release  ' }).expect(200);
    expect(pinned.body).toEqual({ versionId: versionIds[1], version: 2, pin: { label: 'Q3 release', by: tenant.owner.id, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) } });

    const items = (await api('get', `dashboards/${dashboard.id}/versions`).expect(200)).body.items;
    expect(items.map((item: { pin: unknown }) => item.pin)).toEqual([null, pinned.body.pin, null]);
    expect((await api('get', `dashboards/${dashboard.id}/versions/${versionIds[1]}`).expect(200)).body.pin).toEqual(pinned.body.pin);

    const relabelled = await api('put', `dashboards/${dashboard.id}/versions/${versionIds[1]}/pin`, tenant.admin.auth).send({ label: 'Q3 release (final)' }).expect(200);
    expect(relabelled.body.pin).toMatchObject({ label: 'Q3 release (final)', by: tenant.admin.id });

    await api('delete', `dashboards/${dashboard.id}/versions/${versionIds[1]}/pin`).expect(204);
    expect((await api('get', `dashboards/${dashboard.id}/versions/${versionIds[1]}`).expect(200)).body.pin).toBeNull();
    const again = await api('delete', `dashboards/${dashboard.id}/versions/${versionIds[1]}/pin`).expect(404);
    expect(again.body.message).toMatch(/is not pinned/);
  });

  it('owners and admins pin; viewers, other editors and other orgs cannot', async () => {
    const { dashboard, versionIds } = await dashboardWith(1);
    const path = `dashboards/${dashboard.id}/versions/${versionIds[0]}/pin`;
    await api('put', path, tenant.viewer.auth).send({ label: 'x' }).expect(403);
    await api('put', path, tenant.editor.auth).send({ label: 'x' }).expect(403);
    await api('put', path, newTenant(t).admin.auth).send({ label: 'x' }).expect(404);
    await api('put', path, tenant.admin.auth).send({ label: 'x' }).expect(200);
    await api('delete', path, tenant.viewer.auth).expect(403);
    await api('delete', path, tenant.editor.auth).expect(403);
    await api('delete', path, newTenant(t).admin.auth).expect(404);
    await api('delete', path).expect(204);
    await t.http.put(`/api/v1/${path}`).send({ label: 'x' }).expect(401);
  });

  it.each([
    ['no label', {}, 'label must be a non-blank string'],
    ['a blank label', { label: '   ' }, 'label must be a non-blank string'],
    ['a numeric label', { label: 7 }, 'label must be a non-blank string'],
    ['a label of 201 characters', { label: 'l'.repeat(201) }, 'label must be at most 200 characters'],
    ['a NUL in the label', { label: 'a\u0000b' }, 'label holds characters that cannot be stored (NUL or a lone surrogate)'],
    ['an unknown property', { label: 'ok', colour: 'red' }, 'property colour should not exist'],
    ['an array body', [], 'the body must be { label }'],
  ])('a PUT with %s → 400 naming it, nothing pinned', async (_, body, problem) => {
    const { dashboard, versionIds } = await dashboardWith(1);
    const response = await api('put', `dashboards/${dashboard.id}/versions/${versionIds[0]}/pin`).send(body).expect(400);
    expect([response.body.message].flat()).toContain(problem);
    const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from revision_pins where stream_id = $1', [dashboard.id]);
    expect(n).toBe(0);
  });

  it('unknown or malformed version ids → 404, unknown entities → 404', async () => {
    const { dashboard } = await dashboardWith(1);
    await api('put', `dashboards/${dashboard.id}/versions/00000000-0000-0000-0000-000000000000/pin`).send({ label: 'x' }).expect(404);
    await api('put', `dashboards/${dashboard.id}/versions/not-a-version/pin`).send({ label: 'x' }).expect(404);
    await api('put', `dashboards/00000000-0000-0000-0000-000000000000/versions/${dashboard.versionId}/pin`).send({ label: 'x' }).expect(404);
    await api('delete', `dashboards/${dashboard.id}/versions/not-a-version/pin`).expect(404);
  });

  it('retention by time and by count keeps pinned versions readable, diffable and restorable; a pruned version cannot be pinned', async () => {
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() - 40 * DAY));
    const { dashboard, versionIds } = await dashboardWith(8);
    t.clock.set(now);
    await api('put', `dashboards/${dashboard.id}/versions/${versionIds[1]}/pin`).set('Revision-Message', 'ignored on pins').send({ label: 'launch' }).expect(200);
    await api('put', `dashboards/${dashboard.id}/versions/${versionIds[4]}/pin`).send({ label: 'review' }).expect(200);
    const before = (await api('get', `dashboards/${dashboard.id}/versions/${versionIds[1]}`).expect(200)).body;

    await t.commands.execute(new PruneRevisionsCommand({ days: 30, maxVersions: 0 }, 10));
    const items = (await api('get', `dashboards/${dashboard.id}/versions`).expect(200)).body.items;
    expect(items.map((item: { version: number; operation: string; pin: { label: string } | null }) => [item.version, item.operation, item.pin?.label ?? null])).toEqual([
      [8, 'update', null],
      [7, 'baseline', null],
      [5, 'baseline', 'review'],
      [2, 'baseline', 'launch'],
    ]);
    const after = (await api('get', `dashboards/${dashboard.id}/versions/${versionIds[1]}`).expect(200)).body;
    expect(after.state).toEqual(before.state);
    await api('get', `dashboards/${dashboard.id}/versions/${versionIds[2]}`).expect(410);
    await api('get', `dashboards/${dashboard.id}/versions/${versionIds[0]}`).expect(410);
    await api('put', `dashboards/${dashboard.id}/versions/${versionIds[2]}/pin`).send({ label: 'too late' }).expect(410);
    const diff = (await api('get', `dashboards/${dashboard.id}/diff?from=${versionIds[1]}&to=${versionIds[4]}`).expect(200)).body;
    expect(diff.changes).toEqual([{ kind: 'field', op: 'change', path: ['title'], from: 'v2', to: 'v5' }]);
    const restored = (await api('post', `dashboards/${dashboard.id}/versions/${versionIds[1]}/restore`).expect(200)).body;
    expect(restored.title).toBe('v2');

    // By count: the newest version and the baseline before it are kept, and both pins.
    await t.commands.execute(new PruneRevisionsCommand({ days: 0, maxVersions: 1 }, 10));
    const kept = (await api('get', `dashboards/${dashboard.id}/versions`).expect(200)).body.items.map((item: { version: number }) => item.version);
    expect(kept).toEqual([9, 8, 5, 2]);
  });

  describe('on the command bus', () => {
    const context = (...roles: ('viewer' | 'editor' | 'admin')[]) => ({ actor: { id: 'tool', org: tenant.org, roles } });

    it('pins and unpins with the same rules', async () => {
      const { dashboard, versionIds } = await dashboardWith(2);
      const result = await t.commands.execute(new PinVersionCommand('dashboard', dashboard.id, versionIds[0], 'imported', context('admin')));
      expect(result).toMatchObject({ version: 1, pin: { label: 'imported', by: 'tool' } });
      await expect(t.commands.execute(new PinVersionCommand('dashboard', dashboard.id, versionIds[0], '', context('admin')))).rejects.toBeInstanceOf(ValidationFailedError);
      await expect(t.commands.execute(new PinVersionCommand('dashboard', dashboard.id, versionIds[0], 'x', context('viewer')))).rejects.toBeInstanceOf(ForbiddenActionError);
      await t.commands.execute(new UnpinVersionCommand('dashboard', dashboard.id, versionIds[0], context('admin')));
      await expect(t.commands.execute(new UnpinVersionCommand('dashboard', dashboard.id, versionIds[0], context('admin')))).rejects.toBeInstanceOf(PinNotFoundError);
    });
  });
});
