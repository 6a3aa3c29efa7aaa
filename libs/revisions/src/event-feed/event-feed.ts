import { Injectable } from '@nestjs/common';
import { Database, type SqlExecutor } from '#database/database.js';
import type { ChangeRecord } from '../change-log/change-record.js';
import { currentChangeRecords } from '../change-log/current-change-records.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import { operationOf, type RevisionEventType } from '../event-store/revision-event.js';
import { toIsoTimestamp } from '../event-store/timestamps.js';
import { CURSOR_AT, FEED_HEAD, READ_FEED, READ_ORG_FEED } from './event-feed.sql.js';
import { FEED_START, type FeedCursor, type FeedEvent } from './feed-event.js';

interface FeedRow {
  position: string;
  transaction_id: string;
  org: string;
  stream_kind: string;
  stream_id: string;
  version: number;
  version_id: string;
  type: RevisionEventType;
  actor: { id: string };
  message: string | null;
  recorded_at: string;
  changes: (ChangeRecord & { schemaVersion: number })[];
}

/** Reads recorded revisions in feed order, gap-free (docs/events.md). */
@Injectable()
export class EventFeed {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRegistry,
  ) {}

  /** Up to `limit` events after `after`, of one org or of all. */
  async read(after: FeedCursor, limit: number, org?: string, executor: SqlExecutor = this.db): Promise<FeedEvent[]> {
    const values: unknown[] = [after.transactionId, after.position, limit];
    const rows = await executor.query<FeedRow>(
      org === undefined ? { name: 'rewind_feed', text: READ_FEED, values } : { name: 'rewind_org_feed', text: READ_ORG_FEED, values: [...values, org] },
    );
    return rows.map((row) => toFeedEvent(row, this.currentChanges(row)));
  }

  /** Stored change records as the current definition reports them (docs/schema-evolution.md). */
  private currentChanges({ stream_kind: kind, changes }: FeedRow): ChangeRecord[] {
    const definition = this.definitions.has(kind) ? this.definitions.get(kind) : undefined;
    return changes.flatMap(({ schemaVersion, ...record }) => (definition ? currentChangeRecords(definition, [record], schemaVersion) : [record]));
  }

  /** The cursor just after the org's event at `position` (0: the beginning). */
  async cursorAt(org: string, position: number): Promise<FeedCursor> {
    if (position === 0) return FEED_START;
    const [row] = await this.db.query<{ cursor: string | null }>({ name: 'rewind_feed_cursor', text: CURSOR_AT, values: [org, position] });
    if (!row?.cursor) return FEED_START;
    const [transactionId, at] = row.cursor.split(':');
    return { transactionId, position: at };
  }

  /** After the last readable event, for readers that start from now. */
  async head(executor: SqlExecutor = this.db): Promise<FeedCursor> {
    const [row] = await executor.query<{ transaction_id: string; position: string }>({ name: 'rewind_feed_head', text: FEED_HEAD });
    return row ? { transactionId: row.transaction_id, position: row.position } : FEED_START;
  }
}

function toFeedEvent(row: FeedRow, changes: ChangeRecord[]): FeedEvent {
  return {
    position: Number(row.position),
    cursor: { transactionId: row.transaction_id, position: row.position },
    org: row.org,
    entityKind: row.stream_kind,
    entityId: row.stream_id,
    version: row.version,
    versionId: row.version_id,
    operation: operationOf[row.type] ?? row.type.toLowerCase(),
    recordedAt: toIsoTimestamp(row.recorded_at)!,
    actor: row.actor,
    message: row.message,
    changes,
  };
}
