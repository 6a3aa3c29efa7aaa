import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '#database/database.js';
import { ForbiddenActionError } from '#revisions/errors.js';
import { toIsoTimestamp } from '#revisions/event-store/timestamps.js';
import { SubscriptionStatusQuery, type ParkedEvent, type SubscriptionStatus } from './subscription-status.query.js';

interface StatusRow {
  name: string;
  last_position: string;
  updated_at: string;
  failing_position: string | null;
  attempts: number;
  retry_at: string | null;
  parked: { position: number; entity_kind: string; entity_id: string; version: number; attempts: number; last_error: string; parked_at: string }[];
}

const STATUS_SQL = `
  select s.name, s.last_position, s.updated_at, s.failing_position, s.attempts, s.retry_at,
         coalesce((select jsonb_agg(to_jsonb(p) order by p.parked_at desc, p.position desc)
                   from (select position, entity_kind, entity_id, version, attempts, last_error, parked_at
                         from revision_subscription_parked
                         where subscription = s.name and org_id = $1
                         order by parked_at desc, position desc limit 100) p), '[]'::jsonb) as parked
  from revision_subscriptions s order by s.name`;

@QueryHandler(SubscriptionStatusQuery)
export class SubscriptionStatusHandler implements IQueryHandler<SubscriptionStatusQuery> {
  constructor(private readonly db: Database) {}

  async execute({ actor }: SubscriptionStatusQuery): Promise<{ items: SubscriptionStatus[] }> {
    if (!actor.roles.includes('admin')) throw new ForbiddenActionError('subscriptions are for admins');
    const rows = await this.db.query<StatusRow>(STATUS_SQL, [actor.org]);
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
