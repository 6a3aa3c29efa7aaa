import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { compileOnce, qb, run, runFirst, sql, type RowOf } from '#database/query-builder.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import type { DeliveryView, DueDelivery, WebhookView } from './webhook.js';

const WEBHOOK_COLUMNS = ['id', 'url', 'entity_kinds', 'created_at', 'created_by'] as const;

const webhooksOf = (org: string) => qb.selectFrom('webhooks').select(WEBHOOK_COLUMNS).where('org_id', '=', org);

const deliveryLog = (webhookId: string) =>
  qb
    .selectFrom('webhook_deliveries')
    .select(['id', 'position', 'status', 'attempts', 'last_status_code', 'last_error', 'created_at', 'next_attempt_at', 'delivered_at'])
    .where('webhook_id', '=', webhookId);

/** One delivery per webhook of the event's org that wants its kind and was created before it; `event` as JSON text. */
const fanOut = compileOnce((position: number, org: string, entityKind: string, event: string) => {
  const at = sql<string>`${position}::bigint`;
  const wanting = qb
    .selectFrom('webhooks as w')
    .select(['w.id', 'w.org_id', at.as('position'), sql<string>`jsonb_build_object('webhookId', w.id, 'event', ${event}::jsonb)`.as('payload')])
    .where('w.org_id', '=', org)
    .where('w.from_position', '<', at)
    .where((eb) => eb.or([eb('w.entity_kinds', 'is', null), eb(eb.val(entityKind), '=', eb.fn.any('w.entity_kinds'))]));
  return qb
    .insertInto('webhook_deliveries')
    .columns(['webhook_id', 'org_id', 'position', 'payload'])
    .expression(wanting)
    .onConflict((conflict) => conflict.columns(['webhook_id', 'position', 'org_id']).doNothing())
    .returning('id');
});

/** Due deliveries leased to this sender; a sender that dies lets the lease run out. */
const claimDue = compileOnce((limit: number, leaseMs: number) => {
  const due = qb
    .selectFrom('webhook_deliveries')
    .select('id')
    // A literal, not a parameter: the prepared plan must match the partial index `webhook_deliveries_due`.
    .where('status', '=', sql.lit('pending'))
    .where('next_attempt_at', '<=', sql<string>`now()`)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<string>`now()`)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return qb
    .updateTable('webhook_deliveries as d')
    .from('webhooks as w')
    .set((eb) => ({ attempts: eb('d.attempts', '+', 1), lease_until: sql<string>`now() + ${leaseMs}::int * interval '1 millisecond'` }))
    .whereRef('w.id', '=', 'd.webhook_id')
    .where('d.id', 'in', due)
    .returning(['d.id', 'd.position', 'd.payload', 'd.attempts', 'w.url', 'w.secret']);
});

/** The webhooks of an org and the log of their deliveries. */
@Injectable()
export class WebhookStore {
  constructor(private readonly db: Database) {}

  async create(id: string, org: string, createdBy: string, input: { url: string; entityKinds: string[] | null; secret: string }): Promise<WebhookView> {
    const newest = qb.selectFrom('revision_events').select(sql<string>`coalesce(max(position), 0)`.as('position'));
    const row = await runFirst(
      this.db,
      qb
        .insertInto('webhooks')
        .values({ id, org_id: org, url: input.url, entity_kinds: input.entityKinds, secret: input.secret, created_by: createdBy, from_position: newest })
        .returning(WEBHOOK_COLUMNS),
    );
    return toWebhook(row!);
  }

  async list(org: string): Promise<WebhookView[]> {
    const rows = await run(this.db, webhooksOf(org).orderBy('created_at', 'desc').orderBy('id', 'desc'));
    return rows.map(toWebhook);
  }

  async find(org: string, id: string): Promise<WebhookView | undefined> {
    const row = await runFirst(this.db, webhooksOf(org).where('id', '=', id));
    return row && toWebhook(row);
  }

  async remove(org: string, id: string): Promise<boolean> {
    return (await run(this.db, qb.deleteFrom('webhooks').where('org_id', '=', org).where('id', '=', id).returning('id'))).length > 0;
  }

  /** Newest first, keyset on the delivery id. */
  async deliveries(webhookId: string, beforeId: string | null, limit: number): Promise<(DeliveryView & { cursor: string })[]> {
    const page = deliveryLog(webhookId)
      .$if(beforeId !== null, (query) => query.where('id', '<', beforeId!))
      .orderBy('id', 'desc')
      .limit(limit);
    const rows = await run(this.db, page);
    return rows.map((row) => ({ ...toDelivery(row), cursor: row.id }));
  }

  /** Returns how many deliveries the event made. */
  async fanOut(position: number, org: string, entityKind: string, event: object): Promise<number> {
    return (await run(this.db, fanOut(position, org, entityKind, JSON.stringify(event)), 'rewind_webhook_fan_out')).length;
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    return run(this.db, claimDue(limit, leaseMs), 'rewind_webhook_claim');
  }

  async delivered(id: string, statusCode: number): Promise<void> {
    await run(
      this.db,
      qb
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', delivered_at: sql<string>`now()`, last_status_code: statusCode, last_error: null, lease_until: null })
        .where('id', '=', id),
    );
  }

  /** Finished deliveries older than `days` leave the log; pending ones stay whatever their age. */
  async pruneLog(days: number): Promise<number> {
    const pruned = qb
      .deleteFrom('webhook_deliveries')
      .where('status', '<>', 'pending')
      .where('created_at', '<', sql<string>`now() - ${days}::int * interval '1 day'`)
      .returning('id');
    return (await run(this.db, pruned)).length;
  }

  /** A failed try: retried at `retryAt`, or given up on when that is null. */
  async failed(id: string, statusCode: number | null, error: string, retryAt: Date | null): Promise<void> {
    const next = retryAt === null ? ({ status: 'failed' } as const) : ({ status: 'pending', next_attempt_at: retryAt } as const);
    await run(
      this.db,
      qb
        .updateTable('webhook_deliveries')
        .set({ ...next, last_status_code: statusCode, last_error: error.slice(0, 500), lease_until: null })
        .where('id', '=', id),
    );
  }
}

function toWebhook(row: RowOf<ReturnType<typeof webhooksOf>>): WebhookView {
  return { id: row.id, url: row.url, entityKinds: row.entity_kinds, createdAt: toIsoTimestamp(row.created_at)!, createdBy: row.created_by };
}

function toDelivery(row: RowOf<ReturnType<typeof deliveryLog>>): DeliveryView {
  return {
    id: Number(row.id),
    position: Number(row.position),
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: toIsoTimestamp(row.created_at)!,
    nextAttemptAt: row.status === 'pending' ? toIsoTimestamp(row.next_attempt_at) : null,
    deliveredAt: toIsoTimestamp(row.delivered_at),
  };
}
