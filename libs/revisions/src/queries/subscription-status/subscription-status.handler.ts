import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { run, type RowOf } from '#database/query-builder.js';
import { ForbiddenActionError } from '#revisions/errors.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import { subscriptionsWithParked } from '#revisions/subscriptions/subscription-store.js';
import { SubscriptionStatusQuery, type ParkedEvent, type SubscriptionStatus } from './subscription-status.query.js';

type StatusRow = RowOf<ReturnType<typeof subscriptionsWithParked>>;

@QueryHandler(SubscriptionStatusQuery)
export class SubscriptionStatusHandler implements IQueryHandler<SubscriptionStatusQuery> {
  constructor(private readonly db: Database) {}

  async execute({ actor }: SubscriptionStatusQuery): Promise<{ items: SubscriptionStatus[] }> {
    if (!actor.roles.includes('admin')) throw new ForbiddenActionError('subscriptions are for admins');
    const rows = await run(this.db, subscriptionsWithParked(actor.org));
    return { items: rows.map(toStatus) };
  }
}

function toStatus(row: StatusRow): SubscriptionStatus {
  return {
    name: row.name,
    position: Number(row.last_position),
    updatedAt: toIsoTimestamp(row.updated_at)!,
    retrying: row.failing_position === null ? null : { position: Number(row.failing_position), attempts: row.attempts, retryAt: toIsoTimestamp(row.retry_at) },
    parked: row.parked.map(
      (parked): ParkedEvent => ({
        position: Number(parked.position),
        entityKind: parked.entity_kind,
        entityId: parked.entity_id,
        version: parked.version,
        attempts: parked.attempts,
        lastError: parked.last_error,
        parkedAt: toIsoTimestamp(parked.parked_at)!,
      }),
    ),
  };
}
