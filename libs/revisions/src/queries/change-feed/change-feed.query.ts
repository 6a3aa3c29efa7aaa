import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import type { Page } from '../page.js';

export interface ChangeFeedItem extends ChangeRecord {
  entityKind: string;
  entityId: string;
  version: number;
  versionId: string;
  recordedAt: string;
  actor: { id: string };
  /** The message of the version the record belongs to, or null. */
  message: string | null;
}

export interface ChangeFeedFilter {
  entityKind?: string;
  kind?: string;
  /** ISO 8601: only changes recorded at or after this time. */
  since?: string;
  /** Only this entity's records. */
  entityId?: string;
  /** Only records of versions this user id wrote. */
  actor?: string;
}

/** Change records across the caller's org, newest first. */
export class ChangeFeedQuery extends Query<Page<ChangeFeedItem>> {
  constructor(
    readonly actor: Actor,
    readonly filter: ChangeFeedFilter,
    readonly limit?: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
