import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { run } from '#database/query-builder.js';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import { isUuid } from '#revisions/validation/is-uuid.js';
import { trashPage, type TrashRow } from '#revisions/trash/trash-sql.js';
import { decodeCursor, pageLimit, toPage } from '../page.js';
import { ListTrashQuery, type TrashItem } from './list-trash.query.js';

@QueryHandler(ListTrashQuery)
export class ListTrashHandler implements IQueryHandler<ListTrashQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly db: Database,
  ) {}

  async execute({ actor, filter, limit, cursor }: ListTrashQuery) {
    assertCanReadHistory(actor);
    const { entityKind } = filter;
    if (entityKind !== undefined && (typeof entityKind !== 'string' || !this.definitions.has(entityKind))) {
      throw new ValidationFailedError([`entityKind must be one of ${this.definitions.all.map((definition) => definition.kind).join(', ')}`]);
    }
    const size = pageLimit(limit);
    const after = decodeCursor<[string, string]>(cursor, ['string', 'string']);
    if (after && (!isUuid(after[1]) || Number.isNaN(Date.parse(after[0])))) throw new ValidationFailedError(['cursor is not valid']);
    const kinds = entityKind === undefined ? this.definitions.all : [this.definitions.get(entityKind as string)];
    const key = after && { deletedAt: after[0], id: after[1] };
    // One prepared statement for every kind together and one per kind, each for a first and a later page.
    const rows = await run(this.db, trashPage(kinds, actor.org, key, size + 1), `rewind_trash_${entityKind ?? 'all'}_${key ? 'after' : 'first'}`);
    return toPage(rows, size, toItem, (row) => [toIsoTimestamp(row.deleted_at)!, row.id]);
  }
}

function toItem(row: TrashRow): TrashItem {
  return { entityKind: row.entity_kind, id: row.id, label: row.label, deletedAt: toIsoTimestamp(row.deleted_at)!, deletedBy: row.deleted_by, version: row.version };
}
