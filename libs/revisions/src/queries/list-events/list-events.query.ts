import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { FeedEvent } from '#revisions/event-feed/feed-event.js';

export const MAX_EVENTS_PAGE = 1000;
export const MAX_EVENTS_PAGE_DOC = `events per page, 1 to ${MAX_EVENTS_PAGE} (100 by default)`;

export type EventItem = Omit<FeedEvent, 'cursor' | 'org'>;

export interface EventPage {
  items: EventItem[];
  /** The position to pass as `after` next; the same `after` when nothing new was readable. */
  nextAfter: number;
}

/** The caller's org's recorded revisions after `after`, in feed order, gap-free. */
export class ListEventsQuery extends Query<EventPage> {
  constructor(
    readonly actor: Actor,
    /** A position as received in `?after=`; validated by the handler. */
    readonly after?: string,
    readonly limit?: number,
  ) {
    super();
  }
}
