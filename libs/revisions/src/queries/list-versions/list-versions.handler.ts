import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { byteBoundedPageSql, MAX_PAGE_BYTES, toByteBoundedPage } from '../byte-bounded-page.js';
import { decodeCursor, pageLimit } from '../page.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { StreamReader } from '#revisions/event-store/stream-reader.js';
import { timestampParam } from '#revisions/validation/timestamp-param.js';
import { changeKindFilter, pathFilter, textFilter } from '#revisions/validation/filter-params.js';
import { ListVersionsQuery } from './list-versions.query.js';
import { toVersionSummary, VERSION_ITEM_JSON, type StoredVersionItem } from './version-item-sql.js';

// Walks the (stream_kind, stream_id, version) key backwards, so a page costs the same at any depth,
// and builds the page's JSON in PostgreSQL, bounded in bytes: one value to parse.
const PAGE_SQL = byteBoundedPageSql(
  `select e.version, ${VERSION_ITEM_JSON} as item
   from revision_events e
   where e.stream_kind = $1 and e.stream_id = $2 and e.version < $3
     and ($5::text is null or e.metadata -> 'actor' ->> 'id' = $5)
     and ($6::text is null or exists (select 1 from revision_changes c where c.position = e.position and c.kind = $6))
     and ($7::text[] is null or exists (select 1 from revision_changes c where c.position = e.position and c.path[1:cardinality($7::text[])] = $7::text[]))
   order by e.version desc limit $4`,
  'version desc',
  '$8',
);

@QueryHandler(ListVersionsQuery)
export class ListVersionsHandler implements IQueryHandler<ListVersionsQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly db: Database,
    private readonly reader: StreamReader,
  ) {}

  async execute({ kind, id, actor, limit, cursor, filter }: ListVersionsQuery) {
    assertCanReadHistory(actor);
    const definition = this.definitions.get(kind);
    const size = pageLimit(limit);
    const beforeTime = timestampParam(filter.before, 'before');
    const [actorId, changeKind, path] = [textFilter(filter.actor, 'actor'), changeKindFilter(filter.kind), pathFilter(filter.path)];
    const head = await this.streams.head(definition, id, actor, { includeDeleted: true });
    let [before] = decodeCursor<[number]>(cursor, ['number']) ?? [head.version + 1];
    if (!Number.isSafeInteger(before)) throw new ValidationFailedError(['cursor is not valid']);
    if (beforeTime !== undefined) {
      // `before` bounds the versions by time with one probe of the stream-time index.
      const newest = await this.reader.findVersionAt(kind, head.id, beforeTime, { strictlyBefore: true });
      before = Math.min(before, (newest?.version ?? 0) + 1);
    }
    const [page] = await this.db.query<{ items: StoredVersionItem[]; cut: number }>({
      name: 'rewind_version_page',
      text: PAGE_SQL,
      values: [kind, head.id, before, size + 1, actorId ?? null, changeKind ?? null, path ?? null, MAX_PAGE_BYTES],
    });
    return toByteBoundedPage(page, size, (item) => toVersionSummary(definition, item), (item) => [item.version]);
  }
}
