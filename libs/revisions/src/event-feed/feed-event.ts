import type { ChangeRecord } from '../change-log/change-record.js';
import type { Operation } from '../event-store/revision-event.js';

/**
 * A place in the feed. The feed is ordered by (transaction id, position), not by position alone:
 * see docs/events.md for why that order never skips an event committed late.
 */
export interface FeedCursor {
  /** xid8 as decimal text */
  transactionId: string;
  /** bigint as decimal text */
  position: string;
}

export const FEED_START: FeedCursor = { transactionId: '0', position: '0' };

/** One recorded revision as readers of the feed see it. */
export interface FeedEvent {
  position: number;
  cursor: FeedCursor;
  org: string;
  entityKind: string;
  entityId: string;
  version: number;
  versionId: string;
  operation: Operation;
  recordedAt: string;
  actor: { id: string };
  /** The writer's Revision-Message, if any. */
  message: string | null;
  changes: ChangeRecord[];
}
