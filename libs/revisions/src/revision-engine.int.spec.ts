import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';
import type { CommandContext } from './actor.js';
import { CreateEntityCommand } from './commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from './commands/delete-entity/delete-entity.command.js';
import { SaveEntityCommand } from './commands/save-entity/save-entity.command.js';
import { describeChanges } from './change-log/describe-changes.js';
import { EntityNotFoundError, ForbiddenActionError, ValidationFailedError } from './errors.js';
import { GetEntityQuery } from './queries/get-entity/get-entity.query.js';
import { foldStream } from './projections/fold-stream.js';
import type { WriteResult } from './commands/write-result.js';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
}, 60_000);
afterAll(async () => engine?.close());

const ORG = 'org-engine';
const owner = () => ({ actor: engine.actor('editor-1', ORG, 'editor') }) satisfies CommandContext;
const admin = () => ({ actor: engine.actor('admin-1', ORG, 'admin') }) satisfies CommandContext;

const create = (kind: string, input: object, context: CommandContext = owner()) => engine.commands.execute(new CreateEntityCommand(kind, input, context));
const patch = (kind: string, id: string, input: object, context: CommandContext = owner()) =>
  engine.commands.execute(new SaveEntityCommand(kind, id, input, 'partial', context));

async function eventCount(id: string): Promise<number> {
  const [row] = await engine.db.query<{ n: number }>('select count(*)::int as n from revision_events where stream_id = $1', [id]);
  return row.n;
}

// The API's role may not UPDATE or DELETE at all (test/integration/database-roles.int.spec.ts);
// the trigger guards history from the schema's owner too.
describe('revision_events is append-only, even for the migration role', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create('dashboard', { title: 'Immutable' })).id;
    await patch('dashboard', id, { description: 'second version' });
  });

  it.each([
    ['UPDATE', `update revision_events set type = 'Tampered' where stream_id = $1`],
    ['DELETE', 'delete from revision_events where stream_id = $1'],
  ])('rejects %s', async (op, sql) => {
    await expect(engine.migrationDb.query(sql, [id])).rejects.toThrow(`revision_events is append-only: ${op} rejected`);
    expect(await eventCount(id)).toBe(2);
  });

  it('rejects TRUNCATE, even with CASCADE', async () => {
    await expect(engine.migrationDb.query('truncate revision_events cascade')).rejects.toThrow('revision_events is append-only: TRUNCATE rejected');
    expect(await eventCount(id)).toBe(2);
  });

  it('rejects DELETE when the retention switch is set outside a transaction (SET LOCAL does not stick)', async () => {
    await engine.migrationDb.query(`set local rewind.retention = 'on'`);
    await expect(engine.migrationDb.query('delete from revision_events where stream_id = $1', [id])).rejects.toThrow('append-only');
    await expect(
      engine.migrationDb.transaction(async (tx) => {
        await tx.query(`set local rewind.retention = 'off'`);
        await tx.query('delete from revision_events where stream_id = $1', [id]);
      }),
    ).rejects.toThrow('append-only');
    expect(await eventCount(id)).toBe(2);
  });

  it("allows DELETE inside a transaction that ran set local rewind.retention = 'on', for that transaction only", async () => {
    const other = (await create('dashboard', { title: 'Pruned' })).id;
    await patch('dashboard', other, { title: 'Pruned twice' });
    const deleted = await engine.migrationDb.transaction(async (tx) => {
      await tx.query(`set local rewind.retention = 'on'`);
      return tx.query('delete from revision_events where stream_id = $1 and version = 2 returning position', [other]);
    });
    expect(deleted).toHaveLength(1);
    expect(await eventCount(other)).toBe(1);
    const [changes] = await engine.migrationDb.query<{ n: number }>('select count(*)::int as n from revision_changes where entity_id = $1', [other]);
    expect(changes.n).toBe(0); // change records of a pruned event go with it (ON DELETE CASCADE)
    await expect(engine.migrationDb.query('delete from revision_events where stream_id = $1', [other])).rejects.toThrow('append-only');
  });
});

describe('concurrent saves', () => {
  it('20 concurrent partial saves without If-Match all succeed, versions 1..21 with no gap, no update lost', async () => {
    const charts = await Promise.all([1, 2].map((n) => create('chart', { name: `Chart ${n}`, vizType: 'table' })));
    const { id } = await create('dashboard', { title: 'Busy' });
    // 20 writers over 10 fields, two per field with different values: every save is a real change.
    const edits: Record<string, unknown>[] = [1, 2].flatMap((n) => [
      { title: `Title ${n}` },
      { slug: `slug-${n}` },
      { description: `Description ${n}` },
      { css: `.c${n} {}` },
      { externalUrl: `https://example.com/${n}` },
      { metadata: { refresh_frequency: n * 10 } },
      { layout: { [`ROW-${n}`]: { type: 'ROW' } } },
      { certifiedBy: `Certifier ${n}` },
      { tags: [`tag-${n}`] },
      { chartIds: [charts[n - 1].id] },
    ]);
    const settled = await Promise.allSettled(edits.map((input) => patch('dashboard', id, input)));
    const failures = settled.flatMap((outcome, i) => (outcome.status === 'rejected' ? [`${Object.keys(edits[i])[0]}: ${String(outcome.reason)}`] : []));
    expect(failures).toEqual([]);
    const results = settled.map((outcome) => (outcome as PromiseFulfilledResult<WriteResult>).value);

    expect(results.every((result) => result.changed)).toBe(true);
    expect(results.map((result) => result.entity.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const versions = await engine.db.query<{ version: number }>('select version from revision_events where stream_id = $1 order by version', [id]);
    expect(versions.map((row) => row.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));

    const current = await engine.queries.execute(new GetEntityQuery('dashboard', id, owner().actor));
    expect(current.version).toBe(21);
    for (const field of new Set(edits.map((edit) => Object.keys(edit)[0]))) {
      const writes = edits.map((input, i) => ({ input, version: results[i].entity.version })).filter(({ input }) => field in input);
      const last = writes.reduce((a, b) => (a.version > b.version ? a : b));
      expect({ field, value: current[field] }).toEqual({ field, value: last.input[field] });
    }
    const head = await engine.heads.loadHead(engine.definitions.get('dashboard'), id, ORG);
    expect(foldStream(await engine.reader.readStream('dashboard', id))?.document).toEqual(head?.document);
  });
});

describe('idempotent commands', () => {
  it('a repeated CreateEntityCommand with the same command id appends one event and answers with the first entity', async () => {
    const context = { ...owner(), commandId: randomUUID() };
    const first = await create('dataset', { tableName: 'orders' }, context);
    const again = await create('dataset', { tableName: 'orders' }, context);
    expect(again.id).toBe(first.id);
    expect(again.versionId).toBe(first.versionId);
    const rows = await engine.db.query(`select 1 from revision_events where metadata ->> 'commandId' = $1`, [context.commandId]);
    expect(rows).toHaveLength(1);
  });

  it('a repeated SaveEntityCommand with the same command id appends one event and answers the first result, even after another change', async () => {
    const { id } = await create('chart', { name: 'Sales', vizType: 'line' });
    const context = { ...owner(), commandId: randomUUID() };
    const first = await patch('chart', id, { name: 'Revenue' }, context);
    expect(first).toMatchObject({ changed: true, entity: { version: 2, name: 'Revenue' } });
    const again = await patch('chart', id, { name: 'Revenue' }, context);
    // This call appended nothing (`changed: false`); the rest is what the first run answered.
    expect(again).toEqual({ ...first, changed: false });
    await patch('chart', id, { name: 'Profit' });
    const late = await patch('chart', id, { name: 'Revenue' }, context);
    expect(late).toEqual({ ...first, changed: false });
    expect(await eventCount(id)).toBe(3);
  });

  it('a repeated DeleteEntityCommand with the same command id succeeds again and appends one event', async () => {
    const { id } = await create('chart', { name: 'Doomed', vizType: 'line' });
    const context = { ...owner(), commandId: randomUUID() };
    await engine.commands.execute(new DeleteEntityCommand('chart', id, context));
    await expect(engine.commands.execute(new DeleteEntityCommand('chart', id, context))).resolves.toBeUndefined();
    expect(await eventCount(id)).toBe(2);
  });
});

describe('saves that change nothing versioned', () => {
  it('a save that changes nothing appends nothing, blanks included', async () => {
    const { id } = await create('dashboard', { title: 'Quiet', description: null, metadata: { a: 1 } });
    for (const input of [{ title: 'Quiet' }, { description: '' }, { metadata: { a: 1, b: null } }, {}, { slug: null, css: '' }]) {
      const result = await patch('dashboard', id, input);
      expect({ input, changed: result.changed, version: result.entity.version }).toEqual({ input, changed: false, version: 1 });
    }
    const full = await engine.commands.execute(new SaveEntityCommand('dashboard', id, { title: 'Quiet', metadata: { a: 1 }, owners: ['editor-1'] }, 'full', owner()));
    expect(full.changed).toBe(false);
    expect(await eventCount(id)).toBe(1);
  });

  it("a save that only sets a chart's queryContext appends nothing but stores the value", async () => {
    const { id } = await create('chart', { name: 'Cached', vizType: 'line', queryContext: { v: 1 } });
    const queryContext = { datasource: { id: 7 }, queries: [{ metrics: ['count'] }] };
    const result = await patch('chart', id, { queryContext });
    expect(result).toMatchObject({ changed: false, entity: { version: 1, queryContext } });
    expect(await eventCount(id)).toBe(1);
    const head = await engine.heads.loadHead(engine.definitions.get('chart'), id, ORG);
    expect(head?.cached.queryContext).toEqual(queryContext);
    expect(head?.version).toBe(1);
    expect(await engine.queries.execute(new GetEntityQuery('chart', id, owner().actor))).toMatchObject({ version: 1, queryContext });
    const events = await engine.reader.readStream('chart', id);
    expect(JSON.stringify(events)).not.toContain('queryContext');
  });
});

describe('authorization', () => {
  it('an editor who does not own the entity may not save or delete it; an owner and an admin may', async () => {
    const { id } = await create('dashboard', { title: 'Mine' });
    const stranger = { actor: engine.actor('editor-2', ORG, 'editor') };
    await expect(patch('dashboard', id, { title: 'Theirs' }, stranger)).rejects.toBeInstanceOf(ForbiddenActionError);
    await expect(engine.commands.execute(new DeleteEntityCommand('dashboard', id, stranger))).rejects.toBeInstanceOf(ForbiddenActionError);
    const viewer = { actor: engine.actor('editor-1', ORG, 'viewer') };
    await expect(patch('dashboard', id, { title: 'Viewed' }, viewer)).rejects.toBeInstanceOf(ForbiddenActionError);
    await expect(create('dashboard', { title: 'No' }, viewer)).rejects.toBeInstanceOf(ForbiddenActionError);
    expect(await eventCount(id)).toBe(1);
    await expect(patch('dashboard', id, { title: 'Admin edit' }, admin())).resolves.toMatchObject({ changed: true });
  });

  it("another org's entity does not exist for the caller, whatever the role", async () => {
    const { id } = await create('dataset', { tableName: 'secret' });
    const outsider = { actor: engine.actor('admin-1', 'org-other', 'admin') };
    await expect(patch('dataset', id, { tableName: 'leak' }, outsider)).rejects.toBeInstanceOf(EntityNotFoundError);
    await expect(engine.commands.execute(new DeleteEntityCommand('dataset', id, outsider))).rejects.toBeInstanceOf(EntityNotFoundError);
    await expect(engine.queries.execute(new GetEntityQuery('dataset', id, outsider.actor))).rejects.toBeInstanceOf(EntityNotFoundError);
    expect(await engine.heads.loadHead(engine.definitions.get('dataset'), id, 'org-other')).toBeUndefined();
    expect(await eventCount(id)).toBe(1);
  });
});

describe('change records', () => {
  it('land in revision_changes with their event: one row per record of the version, in order', async () => {
    const { id } = await create('dataset', { tableName: 'orders', columns: [{ columnName: 'country', type: 'TEXT' }, { columnName: 'ds' }] });
    await patch('dataset', id, { description: 'Orders', params: { a: 1 }, columns: [{ columnName: 'country', type: 'VARCHAR' }, { columnName: 'city' }] });
    const events = await engine.reader.readStream('dataset', id);
    const updated = events[1];
    if (updated.type !== 'Updated') throw new Error(`expected an update, got ${updated.type}`);
    const definition = engine.definitions.get('dataset');
    const records = describeChanges(definition, updated.data.changes, foldStream(events.slice(0, 1))!.document, foldStream(events)!.document);
    const rows = await engine.db.query<{ position: string; sequence: number; version: number; kind: string; op: string; path: string[]; from: unknown; to: unknown }>(
      'select position, sequence, version, kind, op, path, "from", "to" from revision_changes where entity_id = $1 order by position, sequence',
      [id],
    );
    expect(updated.data.changes).toHaveLength(5);
    expect(rows).toHaveLength(records.length);
    expect(rows).toEqual(records.map((record, i) => ({ position: updated.position, sequence: i + 1, version: 2, ...record })));
    expect(rows.map((row) => `${row.kind}:${row.op}:${row.path.join('.')}`).sort()).toEqual(
      ['column:add:columns.city', 'column:change:columns.country', 'column:remove:columns.ds', 'field:change:description', 'field:add:params.a'].sort(),
    );
  });
});

describe('input the DTOs accept', () => {
  it('upper-case uuids name the same chart or dataset: fold equals projection and a repeat appends nothing', async () => {
    const chart = await create('chart', { name: 'Upper', vizType: 'table' });
    const dataset = await create('dataset', { tableName: 'upper' });
    const dashboard = await create('dashboard', { title: 'Upper', chartIds: [chart.id.toUpperCase()] });
    await patch('chart', chart.id, { datasetId: dataset.id.toUpperCase() });
    for (const [kind, id, input] of [['dashboard', dashboard.id, { chartIds: [chart.id.toUpperCase()] }], ['chart', chart.id, { datasetId: dataset.id.toUpperCase() }]] as const) {
      const head = await engine.heads.loadHead(engine.definitions.get(kind), id, ORG);
      expect({ kind, document: foldStream(await engine.reader.readStream(kind, id))?.document }).toEqual({ kind, document: head?.document });
      expect({ kind, changed: (await patch(kind, id, input)).changed }).toEqual({ kind, changed: false });
    }
  });

  it('JSON keys and child names that shadow Object.prototype members are saved like any other', async () => {
    const { id } = await create('chart', { name: 'Keys', vizType: 'table', params: { a: 1 } });
    const saved = await patch('chart', id, { params: { a: 1, valueOf: 'v', toString: 't' } });
    expect(saved).toMatchObject({ changed: true, entity: { params: { a: 1, valueOf: 'v', toString: 't' } } });
    await expect(patch('chart', id, { params: { a: 1 } })).resolves.toMatchObject({ changed: true, entity: { params: { a: 1 } } });
    await expect(patch('chart', id, { params: { constructor: 'c' } })).resolves.toMatchObject({ entity: { params: { constructor: 'c' } } });
    const dataset = await create('dataset', { tableName: 'odd', columns: [{ columnName: 'constructor' }, { columnName: 'toString' }] });
    expect((dataset.columns as { columnName: string }[]).map((column) => column.columnName)).toEqual(['constructor', 'toString']);
  });

  it('a string PostgreSQL cannot store is a validation error, and nothing is written', async () => {
    const before = await engine.db.query('select 1 from revision_events');
    await expect(create('chart', { name: 'nul\u0000byte', vizType: 'table' })).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(create('chart', { name: 'ok', vizType: 'table', params: { x: 'lone \ud800 surrogate' } })).rejects.toBeInstanceOf(ValidationFailedError);
    expect(await engine.db.query('select 1 from revision_events')).toHaveLength(before.length);
  });
});
