import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { RevisionRecorded } from '#revisions/event-feed/revision-recorded.event.js';
import { RewindMetrics } from './rewind-metrics.js';

/** Counts committed revisions from the event every write already publishes: the append path is untouched. */
@EventsHandler(RevisionRecorded)
export class RevisionMetricsHandler implements IEventHandler<RevisionRecorded> {
  constructor(private readonly metrics: RewindMetrics) {}

  handle(event: RevisionRecorded): void {
    this.metrics.revisions.inc({ kind: event.entityKind, operation: event.operation });
  }
}
