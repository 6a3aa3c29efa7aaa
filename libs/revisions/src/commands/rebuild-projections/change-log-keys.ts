import type { SqlExecutor } from '#database/database.js';
import { ident } from '#revisions/event-store/sql-fragments.js';

/**
 * Bulk loading the change log is several times faster without its secondary indexes and its
 * foreign key (checked row by row). They are dropped inside the rebuild's transaction and put back
 * from their own definitions (read from the catalog, so migrations stay the only place they are
 * written) before it commits; the key is then validated in one pass.
 */
export async function suspendChangeLogKeys(tx: SqlExecutor): Promise<() => Promise<void>> {
  const indexes = await tx.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
     where schemaname = current_schema() and tablename = 'revision_changes' and indexname <> 'revision_changes_pkey'`,
  );
  const foreignKeys = await tx.query<{ name: string; definition: string }>(
    `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
     where conrelid = 'revision_changes'::regclass and contype = 'f'`,
  );
  for (const { name } of indexes) await tx.query(`drop index ${ident(name)}`);
  for (const { name } of foreignKeys) await tx.query(`alter table revision_changes drop constraint ${ident(name)}`);
  return async () => {
    for (const { definition } of indexes) await tx.query(definition);
    for (const { name, definition } of foreignKeys) await tx.query(`alter table revision_changes add constraint ${ident(name)} ${definition}`);
  };
}
