import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { decodeCursor, encodeCursor, pageLimit, toPage } from '../page.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { timestampParam } from '#revisions/validation/timestamp-param.js';
import { changeKindFilter, pathFilter, textFilter } from '#revisions/validation/filter-params.js';
import { ListVersionsQuery } from './list-versions.query.js';
import { toVersionSummary, VERSION_ITEM_JSON, type StoredVersionItem } from './version-item-sql.js';

/** A page stops before the item that would take it past this many bytes (its first item always shows). */
export const MAX_VERSIONS_PAGE_BYTES = 1024 * 1024;

// Walks the (stream_kind, stream_id, version) key backwards, so a page costs the same at any depth,
// and builds the page's JSON in PostgreSQL: one value to parse, whatever the number of items.
// Items are kept while the running total of their sizes stays within $8 bytes.
const PAGE_SQL = `
  with page as (
    select e.version, ${VERSION_ITEM_JSON} as item
    from revision_events e
    where e.stream_kind = $1 and e.stream_id = $2 and e.version < $3
      and ($5::text is null or e.metadata -> 'actor' ->> 'id' = $5)
      and ($6::text is null or exists (select 1 from revision_changes c where c.position = e.position and c.kind = $6))
      and ($7::text[] is null or exists (select 1 from revision_changes c where c.position = e.position and c.path[1:cardinality($7::text[])] = $7::text[]))
    order by e.version desc limit $4),
  sized as (
    select version, item, row_number() over newest as n, sum(octet_length(item::text)) over newest as bytes
    from page window newest as (order by version desc rows between unbounded preceding and current row))
  select coalesce(json_agg(item order by version desc) filter (where n = 1 or bytes <= $8), '[]'::json) as items,
         count(*) filter (where n > 1 and bytes > $8)::int as cut
  from sized`;

@QueryHandler(ListVersionsQuery)
export class ListVersionsHandler implements IQueryHandler<ListVersionsQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly db: Database,
    private readonly store: RevisionStore,
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
      const newest = await this.store.findVersionAt(kind, head.id, beforeTime, { strictlyBefore: true });
      before = Math.min(before, (newest?.version ?? 0) + 1);
    }
    const [{ items, cut }] = await this.db.query<{ items: StoredVersionItem[]; cut: number }>({
      name: 'rewind_version_page',
      text: PAGE_SQL,
      values: [kind, head.id, before, size + 1, actorId ?? null, changeKind ?? null, path ?? null, MAX_VERSIONS_PAGE_BYTES],
    });
    // Cut short by its size: the next page starts after the last item shown.
    if (cut > 0) return { items: items.map((item) => toVersionSummary(definition, item)), nextCursor: encodeCursor([items[items.length - 1].version]) };
    return toPage(items, size, (item) => toVersionSummary(definition, item), (item) => [item.version]);
  }
}
