import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { HeadRows } from '#revisions/event-store/head-rows.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { isUuid } from '#revisions/validation/is-uuid.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { parseIsoTimestamp } from '#revisions/validation/iso-timestamp.js';
import { decodeCursor, pageLimit, toPage } from '../page.js';
import { booleanFilter, searchPattern, textFilter } from '#revisions/validation/filter-params.js';
import { ListEntitiesQuery } from './list-entities.query.js';

@QueryHandler(ListEntitiesQuery)
export class ListEntitiesHandler implements IQueryHandler<ListEntitiesQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: HeadRows,
  ) {}

  async execute({ kind, actor, limit, cursor, filter }: ListEntitiesQuery) {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    const published = booleanFilter(filter.published, 'published');
    if (published !== undefined && definition.fields.published?.type !== 'boolean') throw new ValidationFailedError([`published is not a field of ${kind}`]);
    const where = { owner: textFilter(filter.owner, 'owner'), tag: textFilter(filter.tag, 'tag'), published, labelPattern: searchPattern(filter.q) };
    const size = pageLimit(limit);
    const after = decodeCursor<[string, string]>(cursor, ['string', 'string']);
    if (after && (!isUuid(after[1]) || parseIsoTimestamp(after[0]) === undefined)) throw new ValidationFailedError(['cursor is not valid']);
    const rows = await this.heads.loadPage(definition, actor.org, after, size + 1, where);
    return toPage(rows, size, (row) => toEntityView(definition, row.head), (row) => row.cursor);
  }
}
