import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { SqlExecutor } from '#database/database.js';
import type { ChangeRecord } from '../change-log/change-record.js';
import { operationOf, type NewRevisionEvent } from '../event-store/revision-event.js';
import { RevisionRecorded } from './revision-recorded.event.js';

/** Tells the EventBus about an appended event once the executor that wrote it has committed. */
@Injectable()
export class RevisionPublisher {
  private readonly logger = new Logger(RevisionPublisher.name);

  constructor(private readonly bus: EventBus) {}

  recorded(executor: SqlExecutor, event: NewRevisionEvent, position: string, changes: readonly ChangeRecord[]): void {
    const recorded = new RevisionRecorded(
      event.streamKind,
      event.streamId,
      event.metadata.org,
      event.version,
      event.versionId,
      operationOf[event.type],
      { id: event.metadata.actor.id },
      changes,
      Number(position),
      event.recordedAt,
    );
    executor.afterCommit(() => {
      // The write stands whatever a listener does with the news.
      try {
        this.bus.publish(recorded);
      } catch (error) {
        this.logger.error(`a RevisionRecorded listener failed: ${(error as Error).message}`);
      }
    });
  }
}
