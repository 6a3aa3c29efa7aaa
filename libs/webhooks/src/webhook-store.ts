import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import type { DeliveryStatus, DeliveryView, DueDelivery, WebhookView } from './webhook.js';

interface WebhookRow {
  id: string;
  url: string;
  entity_kinds: string[] | null;
  created_at: string;
  created_by: string;
}

interface DeliveryRow {
  id: string;
  position: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  next_attempt_at: string;
  delivered_at: string | null;
}

const WEBHOOK_COLUMNS = 'id, url, entity_kinds, created_at, created_by';

/** One delivery per webhook of the event's org that wants its kind and was created before it. */
const FAN_OUT = `
  insert into webhook_deliveries (webhook_id, org_id, position, payload)
  select w.id, w.org_id, $1::bigint, jsonb_build_object('webhookId', w.id, 'event', $4::jsonb)
  from webhooks w
  where w.org_id = $2 and w.from_position < $1::bigint and (w.entity_kinds is null or $3 = any (w.entity_kinds))
  on conflict (webhook_id, position, org_id) do nothing
  returning id`;

/** Due deliveries leased to this sender; a sender that dies lets the lease run out. */
const CLAIM = `
  update webhook_deliveries d
  set attempts = d.attempts + 1, lease_until = now() + $2::int * interval '1 millisecond'
  from webhooks w
  where w.id = d.webhook_id and d.id in (
    select id from webhook_deliveries
    where status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
    order by next_attempt_at, id limit $1 for update skip locked)
  returning d.id, d.position, d.payload, d.attempts, w.url, w.secret`;

/** The webhooks of an org and the log of their deliveries. */
@Injectable()
export class WebhookStore {
  constructor(private readonly db: Database) {}

  async create(id: string, org: string, createdBy: string, input: { url: string; entityKinds: string[] | null; secret: string }): Promise<WebhookView> {
    const [row] = await this.db.query<WebhookRow>(
      `insert into webhooks (id, org_id, url, entity_kinds, secret, created_by, from_position)
       values ($1, $2, $3, $4, $5, $6, (select coalesce(max(position), 0) from revision_events))
       returning ${WEBHOOK_COLUMNS}`,
      [id, org, input.url, input.entityKinds, input.secret, createdBy],
    );
    return toWebhook(row);
  }

  async list(org: string): Promise<WebhookView[]> {
    const rows = await this.db.query<WebhookRow>(`select ${WEBHOOK_COLUMNS} from webhooks where org_id = $1 order by created_at desc, id desc`, [org]);
    return rows.map(toWebhook);
  }

  async find(org: string, id: string): Promise<WebhookView | undefined> {
    const [row] = await this.db.query<WebhookRow>(`select ${WEBHOOK_COLUMNS} from webhooks where org_id = $1 and id = $2`, [org, id]);
    return row && toWebhook(row);
  }

  async remove(org: string, id: string): Promise<boolean> {
    return (await this.db.query(`delete from webhooks where org_id = $1 and id = $2 returning id`, [org, id])).length > 0;
  }

  /** Newest first, keyset on the delivery id. */
  async deliveries(webhookId: string, beforeId: string | null, limit: number): Promise<(DeliveryView & { cursor: string })[]> {
    const rows = await this.db.query<DeliveryRow>(
      `select id, position, status, attempts, last_status_code, last_error, created_at, next_attempt_at, delivered_at
       from webhook_deliveries where webhook_id = $1 and ($2::bigint is null or id < $2::bigint) order by id desc limit $3`,
      [webhookId, beforeId, limit],
    );
    return rows.map((row) => ({ ...toDelivery(row), cursor: row.id }));
  }

  /** Returns how many deliveries the event made. */
  async fanOut(position: number, org: string, entityKind: string, event: object): Promise<number> {
    const rows = await this.db.query({ name: 'rewind_webhook_fan_out', text: FAN_OUT, values: [position, org, entityKind, JSON.stringify(event)] });
    return rows.length;
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    return this.db.query<DueDelivery>({ name: 'rewind_webhook_claim', text: CLAIM, values: [limit, leaseMs] });
  }

  async delivered(id: string, statusCode: number): Promise<void> {
    await this.db.query(
      `update webhook_deliveries set status = 'delivered', delivered_at = now(), last_status_code = $2, last_error = null, lease_until = null where id = $1`,
      [id, statusCode],
    );
  }

  /** Finished deliveries older than `days` leave the log; pending ones stay whatever their age. */
  async pruneLog(days: number): Promise<number> {
    const rows = await this.db.query(
      `delete from webhook_deliveries where status <> 'pending' and created_at < now() - $1::int * interval '1 day' returning id`,
      [days],
    );
    return rows.length;
  }

  /** A failed try: retried at `retryAt`, or given up on when that is null. */
  async failed(id: string, statusCode: number | null, error: string, retryAt: Date | null): Promise<void> {
    await this.db.query(
      `update webhook_deliveries
       set status = case when $4::timestamptz is null then 'failed' else 'pending' end,
           next_attempt_at = coalesce($4::timestamptz, next_attempt_at), last_status_code = $2, last_error = $3, lease_until = null
       where id = $1`,
      [id, statusCode, error.slice(0, 500), retryAt],
    );
  }
}

function toWebhook(row: WebhookRow): WebhookView {
  return { id: row.id, url: row.url, entityKinds: row.entity_kinds, createdAt: toIsoTimestamp(row.created_at)!, createdBy: row.created_by };
}

function toDelivery(row: DeliveryRow): DeliveryView {
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
