import { describe, expect, it } from 'vitest';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { countEvents, newDashboard } from '../support/entity-fixtures.js';
import { useTestApp } from '../support/test-app.js';
import { useTenant } from '../support/entity-fixtures.js';


describe('revision messages', () => {
  const t = useTestApp();
  const tenant = useTenant(t);
  const api = (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, auth = tenant.owner.auth) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);

  it('a save with Revision-Message shows it on the version item, the version view and the feed', async () => {
    const dashboard = await newDashboard(t, tenant.owner.auth);
    const saved = await api('patch', `dashboards/${dashboard.id}`).set('Revision-Message', '  Renamed for the Q3 review, café  ').send({ title: 'Q3' }).expect(200);
    const [latest, first] = (await api('get', `dashboards/${dashboard.id}/versions`).expect(200)).body.items;
    expect(latest).toMatchObject({ version: 2, message: 'Renamed for the Q3 review, café', changes: [expect.objectContaining({ path: ['title'] })] });
    expect(first.message).toBeNull();

    const view = (await api('get', `dashboards/${dashboard.id}/versions/${saved.body.versionId}`).expect(200)).body;
    expect(view).toMatchObject({ versionId: saved.body.versionId, operation: 'update', message: 'Renamed for the Q3 review, café', actor: { id: tenant.owner.id } });
    expect(view.changes).toEqual(latest.changes);
    expect(view.state.title).toBe('Q3');

    const feed = (await api('get', 'changes?entityKind=dashboard&limit=1').expect(200)).body.items;
    expect(feed[0]).toMatchObject({ entityId: dashboard.id, message: 'Renamed for the Q3 review, café' });
  });

  it('create, delete and restore carry their messages; restoredFrom shows on the version view', async () => {
    const created = await api('post', 'charts').set('Revision-Message', 'First cut').send({ name: 'Orders', vizType: 'table' }).expect(201);
    const id = created.body.id;
    await api('delete', `charts/${id}`).set('Revision-Message', 'Superseded').expect(204);
    const restored = await api('post', `charts/${id}/versions/${created.body.versionId}/restore`).set('Revision-Message', 'Still needed').expect(200);
    const items = (await api('get', `charts/${id}/versions`).expect(200)).body.items;
    expect(items.map((item: { operation: string; message: string }) => [item.operation, item.message])).toEqual([
      ['restore', 'Still needed'],
      ['delete', 'Superseded'],
      ['create', 'First cut'],
    ]);
    const view = (await api('get', `charts/${id}/versions/${restored.body.versionId}`).expect(200)).body;
    expect(view.restoredFrom).toEqual({ version: 1, versionId: created.body.versionId });
  });

  it('a blank message is no message', async () => {
    const dashboard = await newDashboard(t, tenant.owner.auth);
    await api('patch', `dashboards/${dashboard.id}`).set('Revision-Message', '   ').send({ title: 'Blank' }).expect(200);
    const [latest] = (await api('get', `dashboards/${dashboard.id}/versions?limit=1`).expect(200)).body.items;
    expect(latest.message).toBeNull();
  });

  it.each([
    ['501 characters', 'x'.repeat(501), 'Revision-Message must be at most 500 characters'],
    ['501 UTF-8 characters', 'é'.repeat(501), 'Revision-Message must be at most 500 characters'],
  ])('refuses a message of %s with a 400 naming the header, writing nothing', async (_, message, problem) => {
    const dashboard = await newDashboard(t, tenant.owner.auth);
    const before = await countEvents(t, dashboard.id);
    const response = await api('patch', `dashboards/${dashboard.id}`).set('Revision-Message', message).send({ title: 'Never' }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, message: [problem] });
    expect(await countEvents(t, dashboard.id)).toBe(before);
    await api('post', 'dashboards').set('Revision-Message', message).send({ title: 'Never' }).expect(400);
  });

  it('accepts exactly 500 characters, counted after UTF-8 decoding', async () => {
    const dashboard = await newDashboard(t, tenant.owner.auth);
    await api('patch', `dashboards/${dashboard.id}`).set('Revision-Message', 'é'.repeat(250) + 'x'.repeat(250)).send({ title: 'Long' }).expect(200);
  });

  describe('on the command bus', () => {
    const context = (message: unknown) => ({ actor: { id: 'importer', org: tenant.org, roles: ['admin' as const] }, message: message as string });

    it('takes `message` on the command context', async () => {
      const created = await t.commands.execute(new CreateEntityCommand('dashboard', { title: 'Imported' }, context('Imported from staging')));
      await t.commands.execute(new SaveEntityCommand('dashboard', created.id, { title: 'Imported (2)' }, 'partial', context('Second pass')));
      const items = (await api('get', `dashboards/${created.id}/versions`).expect(200)).body.items;
      expect(items.map((item: { message: string }) => item.message)).toEqual(['Second pass', 'Imported from staging']);
    });

    it.each([
      ['too long', 'y'.repeat(501)],
      ['not a string', 42],
      ['holding a control character', 'tab\u0001bed'],
      ['holding NUL', 'a\u0000b'],
    ])('refuses a message that is %s, writing nothing', async (_, message) => {
      const dashboard = await newDashboard(t, tenant.owner.auth);
      const before = await countEvents(t, dashboard.id);
      await expect(t.commands.execute(new SaveEntityCommand('dashboard', dashboard.id, { title: 'No' }, 'partial', context(message)))).rejects.toBeInstanceOf(ValidationFailedError);
      expect(await countEvents(t, dashboard.id)).toBe(before);
    });
  });
});
