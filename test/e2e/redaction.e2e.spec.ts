import { EventBus } from '@nestjs/cqrs';
import { describe, expect, it } from 'vitest';
import { RevisionRecorded } from '#revisions/event-feed/revision-recorded.event.js';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { RedactEntityCommand } from '#revisions/commands/redact-entity/redact-entity.command.js';
import { ForbiddenActionError, ValidationFailedError } from '#revisions/errors.js';
import { countEvents, newDataset, newTenant } from '../support/entity-fixtures.js';
import { useTestApp, type TestApp } from '../support/test-app.js';
import { rebuildAsMigrationRole } from '../support/test-engine.js';

const SECRET = 'sk_live_9f8e7d6c';

/** Every table of the schema whose rows, as text, contain `value`. */
async function tablesHolding(t: TestApp, value: string): Promise<string[]> {
  const tables = await t.db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
  const holding: string[] = [];
  for (const { table_name: table } of tables) {
    const [{ n }] = await t.db.query<{ n: number }>(`select count(*)::int as n from "${table}" t where t::text like '%' || $1 || '%'`, [value]);
    if (n > 0) holding.push(table);
  }
  return holding;
}

describe('redaction', () => {
  const t = useTestApp({ REVISION_SNAPSHOT_EVERY: '2' });
  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, auth: string) => t.http[method](`/api/v1/${path}`).set('Authorization', auth);

  it('replaces the value everywhere it was stored, appends a Redacted version, and the history still folds', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { sql: `select * from orders where key = '${SECRET}'` });
    await t.http.patch(`/api/v1/datasets/${dataset.id}`).set('Authorization', tenant.owner.auth).set('Idempotency-Key', `key-${dataset.id}`)
      .set('Revision-Message', `added ${SECRET} by mistake`).send({ description: `uses ${SECRET}`, params: { token: SECRET, nested: [{ t: `x${SECRET}x` }] } }).expect(200);
    await api('patch', `datasets/${dataset.id}`, tenant.owner.auth).send({ columns: [{ columnName: 'key', expression: `'${SECRET}'` }], metrics: [{ metricName: 'n', expression: 'COUNT(*)' }] }).expect(200);
    await api('patch', `datasets/${dataset.id}`, tenant.owner.auth).send({ sql: 'select * from orders', description: 'clean' }).expect(200);
    const v4 = (await api('get', `datasets/${dataset.id}/versions?limit=1`, tenant.owner.auth).expect(200)).body.items[0];
    await api('put', `datasets/${dataset.id}/versions/${dataset.versionId}/pin`, tenant.owner.auth).send({ label: `before ${SECRET}` }).expect(200);
    expect((await tablesHolding(t, SECRET)).sort()).toEqual(['dataset_columns', 'datasets', 'idempotency_keys', 'revision_changes', 'revision_events', 'revision_pins', 'revision_snapshots']);

    const response = await api('post', `datasets/${dataset.id}/redact`, tenant.admin.auth).send({ match: SECRET, reason: 'leaked API key' }).expect(200);
    expect(response.body).toEqual({ redactedValues: expect.any(Number), version: 5, versionId: expect.any(String) });
    expect(response.body.redactedValues).toBeGreaterThanOrEqual(6);
    expect(await tablesHolding(t, SECRET)).toEqual([]);

    // Nothing the API answers holds it either, and the redaction is a version of its own.
    const answers = await Promise.all([
      api('get', `datasets/${dataset.id}`, tenant.viewer.auth),
      api('get', `datasets/${dataset.id}/versions?limit=100`, tenant.viewer.auth),
      api('get', `datasets/${dataset.id}/versions/${dataset.versionId}`, tenant.viewer.auth),
      api('get', `datasets/${dataset.id}/versions/${v4.versionId}`, tenant.viewer.auth),
      api('get', `datasets/${dataset.id}/diff?from=${dataset.versionId}`, tenant.viewer.auth),
      api('get', 'changes?limit=100', tenant.viewer.auth),
      t.http.get('/api/v1/events?limit=100').set('Authorization', tenant.admin.auth),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    }
    const [latest] = answers[1].body.items;
    expect(latest).toMatchObject({ version: 5, operation: 'redact', actor: { id: tenant.admin.id }, changes: [], message: expect.stringMatching(/^Redacted \d+ values: leaked API key$/) });
    expect(answers[0].body).toMatchObject({ version: 5, sql: 'select * from orders', description: 'clean', params: { token: '[redacted]', nested: [{ t: '[redacted]' }] } });
    expect(answers[0].body.columns.find((column: { columnName: string }) => column.columnName === 'key').expression).toBe('[redacted]');
    expect(answers[2].body.state.sql).toBe('[redacted]');

    // The stream still folds to the projection: a rebuild gives the same entity.
    const before = answers[0].body;
    await rebuildAsMigrationRole(t, new RebuildProjectionsCommand());
    expect((await api('get', `datasets/${dataset.id}`, tenant.viewer.auth).expect(200)).body).toEqual(before);
    // Saves go on from the redacted head.
    await api('patch', `datasets/${dataset.id}`, tenant.owner.auth).send({ description: 'after' }).expect(200);
  });

  it('the API role cannot rewrite history itself, flag or not', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { description: SECRET });
    const update = t.db.transaction(async (tx) => {
      await tx.query(`set local rewind.redaction = 'on'`);
      await tx.query(`update revision_events set data = '{}' where stream_id = $1`, [dataset.id]);
    });
    await expect(update).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`select rewind_redact_stream('dataset', $1, 'abc', $2)`, [dataset.id, tenant.org])).rejects.toThrow(/at least 4 characters/);
    expect((await api('get', `datasets/${dataset.id}`, tenant.owner.auth).expect(200)).body.description).toBe(SECRET);
  });

  it('a match found nowhere appends nothing', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth);
    const before = await countEvents(t, dataset.id);
    const response = await api('post', `datasets/${dataset.id}/redact`, tenant.admin.auth).send({ match: 'nowhere-to-be-found', reason: 'check' }).expect(200);
    expect(response.body).toEqual({ redactedValues: 0, version: 1, versionId: dataset.versionId });
    expect(await countEvents(t, dataset.id)).toBe(before);
  });

  it('admins only; other orgs and unknown ids → 404', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { description: SECRET });
    const body = { match: SECRET, reason: 'leak' };
    await api('post', `datasets/${dataset.id}/redact`, tenant.owner.auth).send(body).expect(403);
    await api('post', `datasets/${dataset.id}/redact`, tenant.viewer.auth).send(body).expect(403);
    await api('post', `datasets/${dataset.id}/redact`, newTenant(t).admin.auth).send(body).expect(404);
    await api('post', `datasets/00000000-0000-0000-0000-000000000000/redact`, tenant.admin.auth).send(body).expect(404);
    await t.http.post(`/api/v1/datasets/${dataset.id}/redact`).send(body).expect(401);
    expect((await api('get', `datasets/${dataset.id}`, tenant.owner.auth).expect(200)).body.description).toBe(SECRET);
  });

  it.each([
    ['no match', { reason: 'r' }, 'match must be a string of 4 to 1000 characters'],
    ['a short match', { match: 'abc', reason: 'r' }, 'match must be a string of 4 to 1000 characters'],
    ['a numeric match', { match: 12345, reason: 'r' }, 'match must be a string of 4 to 1000 characters'],
    ['no reason', { match: 'abcd' }, 'reason must be a non-blank string of at most 1000 characters'],
    ['a blank reason', { match: 'abcd', reason: '  ' }, 'reason must be a non-blank string of at most 1000 characters'],
    ['a reason holding the value', { match: 'abcd', reason: 'it was abcd' }, 'reason must not contain the redacted value'],
    ['an unknown property', { match: 'abcd', reason: 'r', everywhere: true }, 'property everywhere should not exist'],
    ['an array body', [], 'the body must be { match, reason }'],
  ])('%s → 400 naming it, nothing changed', async (_, body, problem) => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { description: 'abcd' });
    const response = await api('post', `datasets/${dataset.id}/redact`, tenant.admin.auth).send(body).expect(400);
    expect([response.body.message].flat()).toContain(problem);
    expect(await countEvents(t, dataset.id)).toBe(1);
  });

  it('the command bus applies the same rules', async () => {
    const tenant = newTenant(t);
    const dataset = await newDataset(t, tenant.owner.auth, { description: `a ${SECRET}` });
    const admin = { actor: { id: 'tool', org: tenant.org, roles: ['admin' as const] } };
    await expect(t.commands.execute(new RedactEntityCommand('dataset', dataset.id, { match: SECRET, reason: 'x' }, { actor: { ...admin.actor, roles: ['editor'] } }))).rejects.toBeInstanceOf(ForbiddenActionError);
    await expect(t.commands.execute(new RedactEntityCommand('dataset', dataset.id, { match: 'ab', reason: 'x' }, admin))).rejects.toBeInstanceOf(ValidationFailedError);
    const heard: RevisionRecorded[] = [];
    const subscription = t.app.get(EventBus).subscribe((event) => event instanceof RevisionRecorded && event.entityId === dataset.id && heard.push(event));
    expect(await t.commands.execute(new RedactEntityCommand('dataset', dataset.id, { match: SECRET, reason: 'x' }, admin))).toMatchObject({ redactedValues: 1, version: 2 });
    subscription.unsubscribe();
    expect(heard.map((event) => [event.version, event.operation])).toEqual([[2, 'redact']]);
  });
});
