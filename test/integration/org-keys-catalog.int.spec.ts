import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '#test/support/test-engine.js';

/**
 * The schema stays ready to be distributed by org on Citus (docs/scaling.md): every table that
 * holds an org's data has `org_id` NOT NULL, and each of its primary keys, unique keys and unique
 * indexes, and both sides of each foreign key, include it. Read from pg_catalog after every
 * migration (the test kinds' too), so a table or key added later without it fails here.
 */

/** Tables that hold no org's data: Citus reference tables (copied to every node) or local ones. */
const GLOBAL_TABLES: Record<string, 'reference' | 'local'> = {
  revision_subscriptions: 'reference', // cross-org consumers' checkpoints, read by every node's parked rows
  append_only_tables: 'reference', // configuration read by the grant function
  schema_migrations: 'local', // the migrator's own bookkeeping, on the coordinator
};

interface Key {
  table: string;
  name: string;
  columns: string[];
}

let engine: TestEngine;
let tables: Map<string, { nullable: boolean } | null>;

const query = <Row>(sql: string) => engine.migrationDb.query<Row & Record<string, unknown>>(sql);

beforeAll(async () => {
  engine = await startTestEngine();
  const rows = await query<{ table_name: string; is_nullable: string | null }>(`
    select t.table_name, c.is_nullable from information_schema.tables t
    left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'org_id'
    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'`);
  tables = new Map(rows.map((row) => [row.table_name, row.is_nullable === null ? null : { nullable: row.is_nullable === 'YES' }]));
}, 60_000);
afterAll(() => engine?.close());

const orgTables = () => [...tables.keys()].filter((table) => !(table in GLOBAL_TABLES)).sort();

/** Unique indexes (primary keys and unique constraints have one each) with their key columns; an expression is `expr`. */
async function uniqueIndexes(): Promise<Key[]> {
  return query<Key>(`
    select t.relname as table, i.relname as name,
           array(select coalesce(a.attname, 'expr') from unnest(x.indkey) with ordinality k(attnum, n)
                 left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n)::text[] as columns
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where x.indisunique and t.relnamespace = current_schema()::regnamespace and t.relkind = 'r'`);
}

describe('the Citus-ready schema', () => {
  it('gives every table of org data an org_id NOT NULL; the global ones are named', () => {
    expect(orgTables().length).toBeGreaterThan(15);
    for (const table of Object.keys(GLOBAL_TABLES)) expect(tables.has(table), table).toBe(true);
    const missing = orgTables().filter((table) => tables.get(table)?.nullable !== false);
    expect(missing, 'tables without org_id NOT NULL').toEqual([]);
  });

  it('puts org_id in every primary key, unique key and unique index of those tables', async () => {
    const keys = (await uniqueIndexes()).filter((key) => !(key.table in GLOBAL_TABLES));
    expect(keys.map((key) => key.name)).toEqual(expect.arrayContaining(['revision_events_pkey', 'revision_events_stream_version', 'revision_events_version_id', 'revision_events_command_id']));
    const without = keys.filter((key) => !key.columns.includes('org_id')).map((key) => `${key.table}.${key.name}`);
    expect(without, 'unique indexes without org_id').toEqual([]);
    // Every one of those tables has a primary key (Citus needs none, but a key that names the row does).
    const withPrimaryKey = new Set(keys.filter((key) => key.name.endsWith('_pkey')).map((key) => key.table));
    expect(orgTables().filter((table) => !withPrimaryKey.has(table))).toEqual([]);
  });

  it('joins org data only on keys that include org_id on both sides; only a reference table may be referenced without it', async () => {
    const foreignKeys = await query<{ table: string; name: string; referenced: string; columns: string[]; referenced_columns: string[] }>(`
      select t.relname as table, c.conname as name, r.relname as referenced,
             array(select a.attname from unnest(c.conkey) k(n) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n)::text[] as columns,
             array(select a.attname from unnest(c.confkey) k(n) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n)::text[] as referenced_columns
      from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`);
    expect(foreignKeys.map((key) => key.name)).toEqual(expect.arrayContaining(['revision_changes_position_fkey', 'dashboard_charts_dashboard_id_fkey']));
    const wrong = foreignKeys.filter((key) => {
      if (GLOBAL_TABLES[key.referenced] === 'reference') return false;
      if (key.table in GLOBAL_TABLES || key.referenced in GLOBAL_TABLES) return true; // a local table is joined by nothing
      // The org column must pair with the org column: (x, org_id) → (y, org_id).
      const at = key.columns.indexOf('org_id');
      return at < 0 || key.referenced_columns[at] !== 'org_id';
    });
    expect(wrong.map((key) => `${key.table}.${key.name} → ${key.referenced}`)).toEqual([]);
  });
});
