import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import { isUuid } from '#revisions/validation/is-uuid.js';
import { trashPageSql } from '#revisions/trash/trash-sql.js';
import { decodeCursor, pageLimit, toPage } from '../page.js';
import { ListTrashQuery, type TrashItem } from './list-trash.query.js';

interface TrashRow {
  entity_kind: string;
  id: string;
  label: string | null;
  deleted_at: string;
  deleted_by: string;
  version: number;
}

@QueryHandler(ListTrashQuery)
export class ListTrashHandler implements IQueryHandler<ListTrashQuery> {
  /** One statement for every kind together and one per kind. */
  private readonly statements: Map<string | undefined, string>;

  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly db: Database,
  ) {
    this.statements = new Map([[undefined, trashPageSql(definitions.all)], ...definitions.all.map((definition) => [definition.kind, trashPageSql([definition])] as const)]);
  }

  async execute({ actor, filter, limit, cursor }: ListTrashQuery) {
    assertCanReadHistory(actor);
    const { entityKind } = filter;
    if (entityKind !== undefined && (typeof entityKind !== 'string' || !this.definitions.has(entityKind))) {
      throw new ValidationFailedError([`entityKind must be one of ${this.definitions.all.map((definition) => definition.kind).join(', ')}`]);
    }
    const size = pageLimit(limit);
    const after = decodeCursor<[string, string]>(cursor, ['string', 'string']);
    if (after && (!isUuid(after[1]) || Number.isNaN(Date.parse(after[0])))) throw new ValidationFailedError(['cursor is not valid']);
    const rows = await this.db.query<TrashRow>({
      name: `rewind_trash_${entityKind ?? 'all'}`,
      text: this.statements.get(entityKind as string | undefined)!,
      values: [actor.org, after?.[0] ?? null, after?.[1] ?? null, size + 1],
    });
    return toPage(rows, size, toItem, (row) => [toIsoTimestamp(row.deleted_at)!, row.id]);
  }
}

function toItem(row: TrashRow): TrashItem {
  return { entityKind: row.entity_kind, id: row.id, label: row.label, deletedAt: toIsoTimestamp(row.deleted_at)!, deletedBy: row.deleted_by, version: row.version };
}
