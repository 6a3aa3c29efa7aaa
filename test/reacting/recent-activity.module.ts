import { Injectable, Module } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { RevisionRecorded } from '#revisions/event-feed/revision-recorded.event.js';

/** What another Nest module keeps of the news: here, the org's latest revisions, newest last. */
@Injectable()
export class RecentActivity {
  private readonly seen: RevisionRecorded[] = [];

  add(event: RevisionRecorded): void {
    this.seen.push(event);
    if (this.seen.length > 1000) this.seen.shift();
  }

  of(org: string): RevisionRecorded[] {
    return this.seen.filter((event) => event.org === org);
  }
}

/** A module that learns of every committed revision through the EventBus, as any other module would. */
@EventsHandler(RevisionRecorded)
export class RecentActivityHandler implements IEventHandler<RevisionRecorded> {
  constructor(private readonly activity: RecentActivity) {}

  handle(event: RevisionRecorded): void {
    this.activity.add(event);
  }
}

@Module({ providers: [RecentActivity, RecentActivityHandler], exports: [RecentActivity] })
export class RecentActivityModule {}
