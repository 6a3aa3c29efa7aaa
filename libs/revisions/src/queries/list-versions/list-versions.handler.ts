import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../../../database/src/database.js';
import { assertCanRead } from '../../auth/access-policy.js';
import type { ChangeRecord } from '../../changes/change-record.js';
import { EntityDefinitions } from '../../definition/entity-definitions.js';
import { operationOf, type RevisionEventType, type RevisionMetadata } from '../../event-store/revision-event.js';
import { toIsoTimestamp } from '../../event-store/timestamps.js';
import { EntityHeads } from '../../write/entity-heads.js';
import { decodeCursor, pageLimit, toPage } from '../page.js';
import { ListVersionsQuery } from './list-versions.query.js';
import type { VersionSummary } from './version-summary.js';

interface VersionRow {
  version: number;
  version_id: string;
  type: RevisionEventType;
  recorded_at: string;
  metadata: RevisionMetadata;
  changes: ChangeRecord[];
}

// Walks the (stream_kind, stream_id, version) key backwards: a page costs the same at any depth.
const PAGE_SQL = `
  select e.version, e.version_id, e.type, e.recorded_at, e.metadata,
         coalesce((select jsonb_agg(jsonb_build_object('kind', c.kind, 'op', c.op, 'path', to_jsonb(c.path), 'from', c."from", 'to', c."to")
                                    order by c.sequence)
                   from revision_changes c where c.position = e.position), '[]'::jsonb) as changes
  from revision_events e
  where e.stream_kind = $1 and e.stream_id = $2 and e.version < $3
  order by e.version desc limit $4`;

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
    const rows = await this.db.query<VersionRow>({ name: 'rewind_version_page', text: PAGE_SQL, values: [kind, head.id, before, size + 1] });
    return toPage(rows, size, toSummary, (row) => [row.version]);
  }
}

function toSummary(row: VersionRow): VersionSummary {
  return {
    versionId: row.version_id,
    version: row.version,
    operation: operationOf[row.type],
    createdAt: toIsoTimestamp(row.recorded_at)!,
    actor: row.metadata.actor,
    ...(row.metadata.restoredFrom && { restoredFrom: row.metadata.restoredFrom }),
    changes: row.changes.map(({ kind, op, path, from, to }) => ({ kind, op, path, from, to })),
  };
}
