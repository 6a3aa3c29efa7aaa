import type { SqlExecutor } from '#database/database.js';
import { ident } from '#revisions/event-store/sql-fragments.js';

/** Name a rebuilt table (or one of its indexes, constraints, sequences) carries until the swap. */
export const shadowName = (name: string) => `rebuild_${name}`.slice(0, 63);

/** What makes a live table what it is, beyond its columns: read from the catalog, never restated. */
interface TableKeys {
  indexes: { name: string; definition: string; constraintType: 'p' | 'u' | null }[];
  foreignKeys: { name: string; definition: string; referenced: string }[];
  /** Check and not-null constraints: LIKE copies them, PostgreSQL may name the copies anew. */
  checks: { name: string; type: string; definition: string }[];
  grants: { grantee: string; privilege: string; grantable: boolean }[];
  reloptions: string[] | null;
  sequences: { name: string; column: string; grants: { grantee: string; privilege: string; grantable: boolean }[] }[];
}

const GRANTS = `
  select case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end as grantee, a.privilege_type as privilege, a.is_grantable as grantable
  from pg_class c, aclexplode(c.relacl) a where c.oid = $1::text::regclass and a.grantee <> c.relowner`;

/**
 * New, empty copies of a set of tables (`rebuild_<name>`): loaded without keys, given every index,
 * constraint, grant and option of the originals afterwards, then swapped in by renaming, inside the
 * caller's transaction. Readers keep the originals until that transaction commits.
 */
export class ShadowTables {
  private constructor(private readonly keys: Map<string, TableKeys>) {}

  static async create(tx: SqlExecutor, tables: string[]): Promise<ShadowTables> {
    await refuseUnsupported(tx, tables);
    const keys = new Map<string, TableKeys>();
    for (const table of tables) {
      keys.set(table, await readKeys(tx, table));
      await tx.query(`create table ${ident(shadowName(table))} (like ${ident(table)} including all excluding indexes)`);
    }
    return new ShadowTables(keys);
  }

  /** Builds the keys once the rows are in (a bulk build beats index upkeep row by row). */
  async addKeys(tx: SqlExecutor): Promise<void> {
    const shadowOf = new Map([...this.keys.keys()].map((table) => [table, shadowName(table)]));
    for (const [table, keys] of this.keys) {
      const shadow = ident(shadowName(table));
      for (const index of keys.indexes) {
        const unique = index.definition.startsWith('CREATE UNIQUE') ? 'unique ' : '';
        await tx.query(`create ${unique}index ${ident(shadowName(index.name))} on ${shadow} ${index.definition.slice(index.definition.indexOf(' USING ') + 1)}`);
        if (index.constraintType) {
          await tx.query(`alter table ${shadow} add constraint ${ident(shadowName(index.name))} ${index.constraintType === 'p' ? 'primary key' : 'unique'} using index ${ident(shadowName(index.name))}`);
        }
      }
      for (const key of keys.foreignKeys) {
        const target = shadowOf.get(key.referenced);
        const definition = target ? key.definition.replace(`REFERENCES ${key.referenced}(`, `REFERENCES ${ident(target)}(`) : key.definition;
        await tx.query(`alter table ${shadow} add constraint ${ident(shadowName(key.name))} ${definition}`);
      }
      for (const grant of keys.grants) await tx.query(`grant ${grant.privilege} on table ${shadow} to ${grant.grantee}${grant.grantable ? ' with grant option' : ''}`);
      if (keys.reloptions) await tx.query(`alter table ${shadow} set (${keys.reloptions.join(', ')})`);
      for (const sequence of keys.sequences) {
        const [own] = await tx.query<{ name: string }>(`select pg_get_serial_sequence($1::text, $2::text) as name`, [shadow, sequence.column]);
        for (const grant of sequence.grants) await tx.query(`grant ${grant.privilege} on sequence ${own.name} to ${grant.grantee}${grant.grantable ? ' with grant option' : ''}`);
      }
    }
  }

  /** Drops the originals and gives the copies their names, and their objects the originals' names. */
  async swap(tx: SqlExecutor): Promise<void> {
    await tx.query(`drop table ${[...this.keys.keys()].map(ident).join(', ')}`);
    for (const [table, keys] of this.keys) {
      await tx.query(`alter table ${ident(shadowName(table))} rename to ${ident(table)}`);
      for (const index of keys.indexes) await tx.query(`alter index ${ident(shadowName(index.name))} rename to ${ident(index.name)}`);
      for (const key of keys.foreignKeys) await tx.query(`alter table ${ident(table)} rename constraint ${ident(shadowName(key.name))} to ${ident(key.name)}`);
      for (const sequence of keys.sequences) {
        const [own] = await tx.query<{ name: string }>(`select pg_get_serial_sequence($1::text, $2::text) as name`, [ident(table), sequence.column]);
        await tx.query(`alter sequence ${own.name} rename to ${ident(sequence.name)}`);
      }
      const copies = await tx.query<{ name: string; type: string; definition: string }>(
        `select conname as name, contype as type, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::text::regclass and contype in ('c', 'n')`,
        [ident(table)],
      );
      for (const copy of copies) {
        const original = keys.checks.find((check) => check.type === copy.type && check.definition === copy.definition);
        if (original && original.name !== copy.name) await tx.query(`alter table ${ident(table)} rename constraint ${ident(copy.name)} to ${ident(original.name)}`);
      }
    }
  }
}

async function readKeys(tx: SqlExecutor, table: string): Promise<TableKeys> {
  const name = ident(table);
  const indexes = await tx.query<TableKeys['indexes'][number]>(
    `select i.relname as name, pg_get_indexdef(i.oid) as definition, c.contype as "constraintType"
     from pg_index x join pg_class i on i.oid = x.indexrelid
     left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid and c.contype in ('p', 'u')
     where x.indrelid = $1::text::regclass order by i.relname`,
    [name],
  );
  const foreignKeys = await tx.query<TableKeys['foreignKeys'][number]>(
    `select conname as name, pg_get_constraintdef(oid) as definition, confrelid::regclass::text as referenced from pg_constraint where conrelid = $1::text::regclass and contype = 'f' order by conname`,
    [name],
  );
  const checks = await tx.query<TableKeys['checks'][number]>(
    `select conname as name, contype as type, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::text::regclass and contype in ('c', 'n')`,
    [name],
  );
  const [{ reloptions }] = await tx.query<{ reloptions: string[] | null }>(`select reloptions from pg_class where oid = $1::text::regclass`, [name]);
  const sequences: TableKeys['sequences'] = [];
  const identities = await tx.query<{ column: string; sequence: string; name: string }>(
    `select a.attname as column, s.oid::regclass::text as sequence, s.relname as name
     from pg_attribute a join pg_class s on s.oid = pg_get_serial_sequence($1::text, a.attname)::regclass
     where a.attrelid = $1::text::regclass and a.attidentity <> '' and not a.attisdropped`,
    [name],
  );
  for (const identity of identities) sequences.push({ name: identity.name, column: identity.column, grants: await tx.query(GRANTS, [identity.sequence]) });
  return { indexes, foreignKeys, checks, grants: await tx.query(GRANTS, [name]), reloptions, sequences };
}

/**
 * What a rename swap would silently lose is refused instead: triggers, row-level policies, rules,
 * and foreign keys into the set from tables outside it.
 */
async function refuseUnsupported(tx: SqlExecutor, tables: string[]): Promise<void> {
  const names = tables.map(ident);
  const [found] = await tx.query<{ problems: string[] }>(
    `select array(
       select format('trigger %s on %s', tgname, tgrelid::regclass) from pg_trigger where tgrelid = any($1::regclass[]) and not tgisinternal
       union all select format('policy %s on %s', polname, polrelid::regclass) from pg_policy where polrelid = any($1::regclass[])
       union all select format('rule %s on %s', rulename, ev_class::regclass) from pg_rewrite where ev_class = any($1::regclass[])
       union all select format('foreign key %s of %s', conname, conrelid::regclass) from pg_constraint
         where contype = 'f' and confrelid = any($1::regclass[]) and not conrelid = any($1::regclass[])
     ) as problems`,
    [names],
  );
  if (found.problems.length) throw new Error(`a rebuild cannot replace these tables: ${found.problems.join(', ')}`);
}
