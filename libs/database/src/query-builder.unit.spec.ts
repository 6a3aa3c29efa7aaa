import { describe, expect, it } from 'vitest';
import { compileOnce, projectionTable, qb, sql } from './query-builder.js';

/** The builder compiles to PostgreSQL text and positional parameters, and never connects. */
describe('query builder', () => {
  it('compiles a select to text with $n parameters, in the order they appear', () => {
    const query = qb.selectFrom('revision_pins').select(['version', 'label']).where('stream_kind', '=', 'dashboard').where('version', '>', 3).orderBy('version').limit(10);
    expect(query.compile()).toMatchObject({
      sql: 'select "version", "label" from "revision_pins" where "stream_kind" = $1 and "version" > $2 order by "version" limit $3',
      parameters: ['dashboard', 3, 10],
    });
  });

  it('compiles an upsert with a guarded update and a returning list', () => {
    const query = qb
      .insertInto('revision_pins')
      .values({ stream_kind: 'chart', stream_id: 'id', version: 2, org_id: 'acme', label: 'v2', pinned_by: 'ann', pinned_at: '2026-12-04T00:00:00.000Z' })
      .onConflict((conflict) => conflict.columns(['stream_kind', 'stream_id', 'version', 'org_id']).doUpdateSet((eb) => ({ label: eb.ref('excluded.label') })))
      .returning(['label', 'pinned_at']);
    expect(query.compile().sql).toBe(
      'insert into "revision_pins" ("stream_kind", "stream_id", "version", "org_id", "label", "pinned_by", "pinned_at") values ($1, $2, $3, $4, $5, $6, $7) ' +
        'on conflict ("stream_kind", "stream_id", "version", "org_id") do update set "label" = "excluded"."label" returning "label", "pinned_at"',
    );
  });

  it('keeps literals of sql.lit in the text and values of sql`` as parameters', () => {
    const query = qb.deleteFrom('idempotency_keys').where('created_at', '<', sql<string>`now() - make_interval(hours => ${sql.lit(24)})`).where('org_id', '=', 'acme');
    expect(query.compile()).toMatchObject({
      sql: 'delete from "idempotency_keys" where "created_at" < now() - make_interval(hours => 24) and "org_id" = $1',
      parameters: ['acme'],
    });
  });

  it('names a projection table at run time, quoting it, with the columns every projection shares', () => {
    const query = qb.selectFrom(projectionTable('data"sets', 't')).select(['t.id', 't.org_id']).where('t.deleted_at', 'is not', null);
    expect(query.compile().sql).toBe('select "t"."id", "t"."org_id" from "data""sets" as "t" where "t"."deleted_at" is not null');
  });

  it('refuses to execute a query itself, so none can bypass Database and its transaction', async () => {
    await expect(qb.selectFrom('revision_pins').selectAll().execute()).rejects.toThrow('qb only compiles queries');
  });

  it('compiles a statement of fixed shape once and binds each call\'s values in their places', () => {
    const byStream = compileOnce((kind: string, id: string, upTo: number) =>
      qb.selectFrom('revision_pins').select('version').where('stream_kind', '=', kind).where('stream_id', '=', id).where('version', '<=', upTo).where('org_id', '=', 'fixed'),
    );
    const a = byStream('chart', 'one', 3).compile();
    const b = byStream('dashboard', 'two', 9).compile();
    expect(a.sql).toBe('select "version" from "revision_pins" where "stream_kind" = $1 and "stream_id" = $2 and "version" <= $3 and "org_id" = $4');
    expect(b.sql).toBe(a.sql);
    expect([a.parameters, b.parameters]).toEqual([
      ['chart', 'one', 3, 'fixed'],
      ['dashboard', 'two', 9, 'fixed'],
    ]);
  });

  it('refuses a build that uses an argument other than as a value', () => {
    expect(() => compileOnce((kind: string) => qb.selectFrom('revision_pins').select('version').where('stream_kind', '=', JSON.stringify(kind)))).toThrow('every argument must become a parameter');
  });
});
