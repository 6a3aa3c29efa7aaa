import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { CHANGE_KINDS, type ChangeKind } from '#revisions/change-log/change-record.js';
import { currentChangeRecords } from '#revisions/change-log/current-change-records.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { Json } from '#revisions/document/json.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import { parseIsoTimestamp } from '#revisions/validation/iso-timestamp.js';
import { byteBoundedPageSql, MAX_PAGE_BYTES, toByteBoundedPage } from '../byte-bounded-page.js';
import { decodeCursor, pageLimit } from '../page.js';
import { textFilter, uuidFilter } from '#revisions/validation/filter-params.js';
import { ChangeFeedQuery, type ChangeFeedItem } from './change-feed.query.js';

/** Positions are PostgreSQL `bigint`s. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

interface FeedRow {
  position: string;
  sequence: number;
  entity_kind: string;
  entity_id: string;
  version: number;
  version_id: string;
  recorded_at: string;
  actor: { id: string };
  message: string | null;
  kind: ChangeKind;
  op: ChangeFeedItem['op'];
  path: string[];
  from: Json;
  to: Json;
  schema_version: number;
}

// Newest event first, records of one event in their order; keyset on (position, sequence). The
// cursor's position bounds both sides of the join as a plain range, with no OR around it, so a page
// deep in the feed starts where the cursor points (in generic and custom plans alike) instead of
// walking down from the newest record: PostgreSQL does not carry a range across the join's equality.
// The page is bounded in bytes like every history page (its from/to values may hold whole lists).
const FEED_SQL = byteBoundedPageSql(
  `select c.position, c.sequence, json_build_object(
     'position', c.position::text, 'sequence', c.sequence, 'entity_kind', c.entity_kind, 'entity_id', c.entity_id, 'version', c.version,
     'version_id', e.version_id, 'recorded_at', c.recorded_at, 'actor', e.metadata -> 'actor', 'message', e.metadata ->> 'message',
     'kind', c.kind, 'op', c.op, 'path', c.path, 'from', c."from", 'to', c."to", 'schema_version', c.schema_version) as item
   from revision_changes c join revision_events e on e.position = c.position
   where c.org_id = $1
     and ($2::text is null or c.entity_kind = $2)
     and ($3::text is null or c.kind = $3)
     and ($4::timestamptz is null or c.recorded_at >= $4)
     and c.position <= coalesce($5::bigint, ${MAX_BIGINT}) and e.position <= coalesce($5::bigint, ${MAX_BIGINT})
     and ($5::bigint is null or c.position < $5 or c.sequence > $6)
     and ($8::uuid is null or c.entity_id = $8)
     and ($9::text is null or e.metadata -> 'actor' ->> 'id' = $9)
   order by c.position desc, c.sequence asc
   limit $7`,
  'position desc, sequence asc',
  '$10',
);

@QueryHandler(ChangeFeedQuery)
export class ChangeFeedHandler implements IQueryHandler<ChangeFeedQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly db: Database,
  ) {}

  async execute({ actor, filter, limit, cursor }: ChangeFeedQuery) {
    assertCanReadHistory(actor);
    this.validate(filter);
    const entityId = uuidFilter(filter.entityId, 'entityId');
    const actorId = textFilter(filter.actor, 'actor');
    const size = pageLimit(limit);
    const after = decodeCursor<[string, number]>(cursor, ['string', 'number']);
    if (after && !(/^\d{1,19}$/.test(after[0]) && BigInt(after[0]) <= MAX_BIGINT)) throw new ValidationFailedError(['cursor is not valid']);
    const [rows] = await this.db.query<{ items: FeedRow[]; cut: number }>({
      name: 'rewind_change_feed',
      text: FEED_SQL,
      values: [actor.org, filter.entityKind ?? null, filter.kind ?? null, (filter.since && parseIsoTimestamp(filter.since)) ?? null, after?.[0] ?? null, after?.[1] ?? 0, size + 1, entityId ?? null, actorId ?? null, MAX_PAGE_BYTES],
    });
    // Pages by stored row: a record an upcaster splits in two keeps its row's cursor.
    const page = toByteBoundedPage(rows, size, (row) => row, (row) => [row.position, row.sequence]);
    return { ...page, items: page.items.flatMap((row) => this.currentItems(row)) };
  }

  /** A stored record as the current definition reports it (docs/schema-evolution.md). */
  private currentItems(row: FeedRow): ChangeFeedItem[] {
    const records = currentChangeRecords(this.definitions.get(row.entity_kind), [row], row.schema_version);
    return records.map((record) => ({ ...toItem(row), kind: record.kind, op: record.op, path: record.path, from: record.from, to: record.to }));
  }

  private validate({ entityKind, kind, since }: ChangeFeedQuery['filter']): void {
    const problems: string[] = [];
    if (entityKind !== undefined && !this.definitions.has(entityKind)) {
      problems.push(`entityKind must be one of ${this.definitions.all.map((definition) => definition.kind).join(', ')}`);
    }
    if (kind !== undefined && !CHANGE_KINDS.includes(kind as ChangeKind)) problems.push(`kind must be one of ${CHANGE_KINDS.join(', ')}`);
    if (since !== undefined && parseIsoTimestamp(since) === undefined) problems.push('since must be an ISO 8601 date or timestamp between years 0001 and 9999');
    if (problems.length) throw new ValidationFailedError(problems);
  }
}

function toItem(row: FeedRow): ChangeFeedItem {
  return {
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    version: row.version,
    versionId: row.version_id,
    recordedAt: toIsoTimestamp(row.recorded_at)!,
    actor: row.actor,
    message: row.message,
    kind: row.kind,
    op: row.op,
    path: row.path,
    from: row.from,
    to: row.to,
  };
}
