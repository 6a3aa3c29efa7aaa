import type { IEvent } from '@nestjs/cqrs';
import type { ChangeRecord } from '../change-log/change-record.js';
import type { Operation } from '../event-store/revision-event.js';

/**
 * Published on the EventBus once a revision is committed, by whatever wrote it (save, delete,
 * restore, retention baseline, …). A write that rolls back publishes nothing. `position` is the
 * event's place in the store, the same number the `/events` feed and webhooks carry.
 */
export class RevisionRecorded implements IEvent {
  constructor(
    readonly entityKind: string,
    readonly entityId: string,
    readonly org: string,
    readonly version: number,
    readonly versionId: string,
    readonly operation: Operation,
    readonly actor: { id: string },
    readonly changes: readonly ChangeRecord[],
    readonly position: number,
    readonly recordedAt: string,
  ) {}
}
