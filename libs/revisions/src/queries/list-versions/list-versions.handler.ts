import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../../../database/src/database.js';
import { assertCanRead } from '../../auth/access-policy.js';
import { EntityDefinitions } from '../../definition/entity-definitions.js';
import { operationOf } from '../../event-store/revision-event.js';
import { EntityHeads } from '../../write/entity-heads.js';
import { decodeCursor, pageLimit, toPage } from '../page.js';
import { ListVersionsQuery } from './list-versions.query.js';
import type { VersionSummary } from './version-summary.js';

const OPERATION = `case e.type ${Object.entries(operationOf).map(([type, operation]) => `when '${type}' then '${operation}'`).join(' ')} end`;

// Walks the (stream_kind, stream_id, version) key backwards, so a page costs the same at any depth,
// and builds the page's JSON in PostgreSQL: one value to parse, whatever the number of items.
const PAGE_SQL = `
  select coalesce(json_agg(page.item order by page.version desc), '[]'::json) as items
  from (
    select e.version, json_build_object(
      'versionId', e.version_id,
      'version', e.version,
      'operation', ${OPERATION},
      'createdAt', to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'actor', e.metadata -> 'actor',
      'restoredFrom', e.metadata -> 'restoredFrom',
      'changes', coalesce((select json_agg(json_build_object('kind', c.kind, 'op', c.op, 'path', c.path, 'from', c."from", 'to', c."to") order by c.sequence)
                           from revision_changes c where c.position = e.position), '[]'::json)) as item
    from revision_events e
    where e.stream_kind = $1 and e.stream_id = $2 and e.version < $3
    order by e.version desc limit $4) page`;

@QueryHandler(ListVersionsQuery)
export class ListVersionsHandler implements IQueryHandler<ListVersionsQuery> {
  constructor(
    private readonly definitions: EntityDefinitions,
    private readonly heads: EntityHeads,
    private readonly db: Database,
  ) {}

  async execute({ kind, id, actor, limit, cursor }: ListVersionsQuery) {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    const head = await this.heads.require(definition, id, actor, { includeDeleted: true });
    const size = pageLimit(limit);
    const [before] = decodeCursor<[number]>(cursor, ['number']) ?? [head.version + 1];
    const [{ items }] = await this.db.query<{ items: VersionSummary[] }>({ name: 'rewind_version_page', text: PAGE_SQL, values: [kind, head.id, before, size + 1] });
    for (const item of items) if (item.restoredFrom === null) delete item.restoredFrom;
    return toPage(items, size, (item) => item, (item) => [item.version]);
  }
}
