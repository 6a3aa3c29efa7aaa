import type { SqlExecutor } from '#database/database.js';
import { compileOnce, qb, run, runFirst, sql } from '#database/query-builder.js';
import type { Updates } from '#database/schema.js';
import { toIsoTimestamp } from '../event-store/timestamps.js';
import type { FeedCursor, FeedEvent } from '../event-feed/feed-event.js';

/** Where a subscription stands: its checkpoint and the event it is retrying, if any. */
export interface SubscriptionState {
  cursor: FeedCursor;
  failingPosition: number | null;
  attempts: number;
  retryAt: number | null;
}

const tryLock = (name: string) => qb.selectNoFrom(sql<boolean>`pg_try_advisory_lock(hashtext('rewind.subscription'), hashtext(${name}))`.as('locked'));

const load = (name: string) =>
  qb
    .selectFrom('revision_subscriptions')
    .select(['last_transaction_id', 'last_position', 'failing_position', 'attempts', 'retry_at'])
    .where('name', '=', name);

/** The checkpoint at `cursor`; `retry` records the event it is stuck on, without it the subscription is healthy again. */
function checkpoint(cursor: FeedCursor, retry?: { position: number; attempts: number; at: Date; error: string }): Updates<'revision_subscriptions'> {
  const state = retry
    ? { failing_position: retry.position, attempts: retry.attempts, retry_at: retry.at, last_error: retry.error }
    : { failing_position: null, attempts: 0, retry_at: null, last_error: null };
  return { last_transaction_id: cursor.transactionId, last_position: cursor.position, ...state };
}

const now = sql<string>`now()`;

const moveTo = (name: string, values: Updates<'revision_subscriptions'>) => qb.updateTable('revision_subscriptions').set(values).set({ updated_at: now }).where('name', '=', name);

/** The checkpoint after a handled event, compiled once: it runs once per event. */
const saveCheckpoint = compileOnce((name: string, transactionId: string, position: string) => moveTo(name, checkpoint({ transactionId, position })));

/** The checkpoint table's statements, run on the subscription holder's own session. */
export const subscriptionStore = {
  async tryLock(session: SqlExecutor, name: string): Promise<boolean> {
    return (await runFirst(session, tryLock(name)))!.locked;
  },

  async open(session: SqlExecutor, name: string, start: () => Promise<FeedCursor>): Promise<SubscriptionState> {
    let row = await runFirst(session, load(name));
    if (!row) {
      const cursor = await start();
      const created = qb
        .insertInto('revision_subscriptions')
        .values({ name, last_transaction_id: cursor.transactionId, last_position: cursor.position })
        .onConflict((conflict) => conflict.column('name').doNothing());
      await run(session, created);
      row = (await runFirst(session, load(name)))!;
    }
    return {
      cursor: { transactionId: row.last_transaction_id, position: row.last_position },
      failingPosition: row.failing_position === null ? null : Number(row.failing_position),
      attempts: row.attempts,
      retryAt: row.retry_at === null ? null : Date.parse(toIsoTimestamp(row.retry_at)!),
    };
  },

  async save(session: SqlExecutor, name: string, cursor: FeedCursor): Promise<void> {
    await run(session, saveCheckpoint(name, cursor.transactionId, cursor.position), 'rewind_subscription_save');
  },

  async fail(session: SqlExecutor, name: string, cursor: FeedCursor, event: FeedEvent, attempts: number, retryAt: number, error: string): Promise<void> {
    await run(session, moveTo(name, checkpoint(cursor, { position: event.position, attempts, at: new Date(retryAt), error })));
  },

  /** Parks the event and moves the checkpoint past it, in one statement. */
  async park(session: SqlExecutor, name: string, event: FeedEvent, attempts: number, error: string): Promise<void> {
    const parked = qb
      .with('parked', (db) =>
        db
          .insertInto('revision_subscription_parked')
          .values({
            subscription: name,
            position: event.cursor.position,
            org_id: event.org,
            entity_kind: event.entityKind,
            entity_id: event.entityId,
            version: event.version,
            attempts,
            last_error: error,
          })
          .onConflict((conflict) => conflict.doNothing()),
      )
      .updateTable('revision_subscriptions')
      .set(checkpoint(event.cursor))
      .set({ updated_at: now })
      .where('name', '=', name);
    await run(session, parked);
  },
};

/** A parked event as `to_jsonb` spells it inside the status query: bigint becomes a JSON number. */
interface ParkedJson {
  position: number;
  entity_kind: string;
  entity_id: string;
  version: number;
  attempts: number;
  last_error: string;
  parked_at: string;
}

/** Every subscription with the org's parked events, newest first and at most 100 each: what admins see. */
export function subscriptionsWithParked(org: string) {
  const parked = qb
    .selectFrom('revision_subscription_parked')
    .select(['position', 'entity_kind', 'entity_id', 'version', 'attempts', 'last_error', 'parked_at'])
    .where('subscription', '=', sql<string>`s.name`)
    .where('org_id', '=', org)
    .orderBy('parked_at', 'desc')
    .orderBy('position', 'desc')
    .limit(100);
  return qb
    .selectFrom('revision_subscriptions as s')
    .select(['s.name', 's.last_position', 's.updated_at', 's.failing_position', 's.attempts', 's.retry_at'])
    .select(sql<ParkedJson[]>`coalesce((select jsonb_agg(to_jsonb(p) order by p.parked_at desc, p.position desc) from ${parked} p), '[]'::jsonb)`.as('parked'))
    .orderBy('s.name');
}

/** How many events each subscription is behind the newest one (for /metrics). */
export const subscriptionLags = () =>
  qb
    .selectFrom('revision_subscriptions as s')
    .select(['s.name', sql<string>`greatest(0, (select coalesce(max(position), 0) from revision_events) - s.last_position)`.as('lag')]);
