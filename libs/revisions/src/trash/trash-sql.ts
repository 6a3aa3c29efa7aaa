import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { projectionTable, qb, sql, type RowOf } from '#database/query-builder.js';

/** The last trash item a page showed: the next page starts after it. */
export interface TrashKey {
  deletedAt: string;
  id: string;
}

/** One kind's branch of the trash page, served by its `<table>_org_trash` partial index. */
function trashBranch(definition: EntityDefinition, org: string, after: TrashKey | undefined, size: number) {
  return qb
    .selectFrom(projectionTable(definition.table, 't'))
    .select([
      sql.lit(definition.kind).as('entity_kind'),
      't.id',
      sql<string | null>`${sql.ref(`t.${definition.fields[definition.labelField].column}`)}::text`.as('label'),
      't.deleted_at',
      't.updated_by as deleted_by',
      't.version',
    ])
    .where('t.org_id', '=', org)
    .where('t.deleted_at', 'is not', null)
    .$if(after !== undefined, (query) =>
      query.where((eb) => eb(eb.refTuple('t.deleted_at', 't.id'), '<', eb.tuple(sql<string>`${after!.deletedAt}::timestamptz`, sql<string>`${after!.id}::uuid`))),
    )
    .orderBy('t.deleted_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(size);
}

export type TrashRow = RowOf<ReturnType<typeof trashBranch>>;

/**
 * Deleted entities of one org, newest first, keyset on (deleted_at, id): one branch per kind, each
 * limited on its own index, then merged.
 */
export function trashPage(definitions: readonly EntityDefinition[], org: string, after: TrashKey | undefined, size: number) {
  const branches = sql.join(definitions.map((definition) => trashBranch(definition, org, after, size)), sql` union all `);
  return qb
    .selectFrom(sql<TrashRow>`(${branches})`.as('trash'))
    .selectAll()
    .orderBy('deleted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(size);
}

/** Deleted entities that have been in the trash since before `cutoff`, oldest first, of one org or all. */
export function expiredTrash(definition: EntityDefinition, cutoff: string, size: number, org: string | null) {
  return qb
    .selectFrom(projectionTable(definition.table, 't'))
    .select(['t.id', 't.org_id', sql<string | null>`${sql.ref(`t.${definition.fields[definition.labelField].column}`)}::text`.as('label')])
    .where('t.deleted_at', 'is not', null)
    .where('t.deleted_at', '<', cutoff)
    .$if(org !== null, (query) => query.where('t.org_id', '=', org!))
    .orderBy('t.deleted_at')
    .limit(size);
}

/** The org's entity while it is in the trash, locked: a concurrent restore waits for the purge, then finds nothing. */
export const lockTrashed = (definition: EntityDefinition, id: string, org: string) =>
  qb.selectFrom(projectionTable(definition.table, 't')).select('t.id').where('t.id', '=', id).where('t.org_id', '=', org).where('t.deleted_at', 'is not', null).forUpdate();

/** The projection row (its children cascade). */
export const deleteProjection = (definition: EntityDefinition, id: string) => qb.deleteFrom(projectionTable(definition.table, 't')).where('t.id', '=', id);

/**
 * $1 kind, $2 id: copies of the stream outside the revision tables, which the API's role may delete
 * itself: webhook payloads and parked deliveries of its events, pins, bundle-import id mappings.
 */
export const PURGE_COPIES = [
  'delete from webhook_deliveries where position in (select position from revision_events where stream_kind = $1 and stream_id = $2)',
  'delete from revision_subscription_parked where entity_kind = $1 and entity_id = $2',
  'delete from revision_pins where stream_kind = $1 and stream_id = $2',
  'delete from resource_mappings where entity_kind = $1 and rewind_id = $2',
];

/**
 * The history itself (events, change records, snapshots) and the purge record, through the SECURITY
 * DEFINER function: the API's role may not delete from those tables.
 *   $1 kind $2 id $3 org $4 label $5 by $6 at $7 reason
 */
export const PURGE_HISTORY = 'select purged_events from rewind_purge_stream($1, $2, $3, $4, $5, $6, $7)';

/** $1 org, $2 id: stored Idempotency-Key answers that carry the entity. */
export const PURGE_IDEMPOTENCY_ANSWERS = `delete from idempotency_keys where org_id = $1 and (body ->> 'id' = $2 or body -> 'entity' ->> 'id' = $2)`;
