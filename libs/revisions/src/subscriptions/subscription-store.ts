import type { SqlExecutor } from '#database/database.js';
import type { FeedCursor, FeedEvent } from '../event-feed/feed-event.js';

/** Where a subscription stands: its checkpoint and the event it is retrying, if any. */
export interface SubscriptionState {
  cursor: FeedCursor;
  failingPosition: number | null;
  attempts: number;
  retryAt: number | null;
}

interface StateRow {
  last_transaction_id: string;
  last_position: string;
  failing_position: string | null;
  attempts: number;
  retry_at: Date | null;
}

const TRY_LOCK = `select pg_try_advisory_lock(hashtext('rewind.subscription'), hashtext($1)) as locked`;
const LOAD = `select last_transaction_id::text as last_transaction_id, last_position, failing_position, attempts, retry_at
              from revision_subscriptions where name = $1`;
const CREATE = `insert into revision_subscriptions (name, last_transaction_id, last_position) values ($1, $2::xid8, $3::bigint)
                on conflict (name) do nothing`;
const SAVE = `update revision_subscriptions
              set last_transaction_id = $2::xid8, last_position = $3::bigint, failing_position = null, attempts = 0,
                  retry_at = null, last_error = null, updated_at = now()
              where name = $1`;
const FAIL = `update revision_subscriptions
              set last_transaction_id = $2::xid8, last_position = $3::bigint, failing_position = $4::bigint, attempts = $5::int,
                  retry_at = $6::timestamptz, last_error = $7::text, updated_at = now()
              where name = $1`;
/** Parks the event and moves the checkpoint past it, in one statement. */
const PARK = `with parked as (
                insert into revision_subscription_parked (subscription, position, org_id, entity_kind, entity_id, version, attempts, last_error)
                values ($1, $3::bigint, $4, $5, $6::uuid, $7::int, $8::int, $9::text) on conflict do nothing)
              ${SAVE}`;

/** The checkpoint table's statements, run on the subscription holder's own session. */
export const subscriptionStore = {
  async tryLock(session: SqlExecutor, name: string): Promise<boolean> {
    const [row] = await session.query<{ locked: boolean }>(TRY_LOCK, [name]);
    return row.locked;
  },

  async open(session: SqlExecutor, name: string, start: () => Promise<FeedCursor>): Promise<SubscriptionState> {
    let [row] = await session.query<StateRow>(LOAD, [name]);
    if (!row) {
      const cursor = await start();
      await session.query(CREATE, [name, cursor.transactionId, cursor.position]);
      [row] = await session.query<StateRow>(LOAD, [name]);
    }
    return {
      cursor: { transactionId: row.last_transaction_id, position: String(row.last_position) },
      failingPosition: row.failing_position === null ? null : Number(row.failing_position),
      attempts: row.attempts,
      retryAt: row.retry_at?.getTime() ?? null,
    };
  },

  async save(session: SqlExecutor, name: string, cursor: FeedCursor): Promise<void> {
    await session.query({ name: 'rewind_subscription_save', text: SAVE, values: [name, cursor.transactionId, cursor.position] });
  },

  async fail(session: SqlExecutor, name: string, cursor: FeedCursor, event: FeedEvent, attempts: number, retryAt: number, error: string): Promise<void> {
    await session.query(FAIL, [name, cursor.transactionId, cursor.position, event.position, attempts, new Date(retryAt), error]);
  },

  async park(session: SqlExecutor, name: string, event: FeedEvent, attempts: number, error: string): Promise<void> {
    await session.query(PARK, [
      name, event.cursor.transactionId, event.cursor.position, event.org, event.entityKind, event.entityId, event.version, attempts, error,
    ]);
  },
};
