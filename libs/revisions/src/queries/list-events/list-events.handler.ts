import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanReadEvents } from '#revisions/auth/access-policy.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { EventFeed } from '#revisions/event-feed/event-feed.js';
import { ListEventsQuery, MAX_EVENTS_PAGE, type EventPage } from './list-events.query.js';

const DEFAULT_EVENTS_PAGE = 100;

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(private readonly feed: EventFeed) {}

  async execute({ actor, after, limit }: ListEventsQuery): Promise<EventPage> {
    // 1. Who may read, and what was asked
    assertCanReadEvents(actor);
    const position = parseAfter(after);
    const size = parseLimit(limit);
    // 2. Where the caller stopped, then what follows it
    const cursor = await this.feed.cursorAt(actor.org, position);
    const events = await this.feed.read(cursor, size, actor.org);
    return {
      items: events.map(({ cursor: _, org: __, ...item }) => item),
      nextAfter: events.length ? events[events.length - 1].position : position,
    };
  }
}

function parseAfter(after: string | undefined): number {
  if (after === undefined) return 0;
  if (!/^\d{1,15}$/.test(after)) throw new ValidationFailedError(['after must be an event position (a non-negative integer)']);
  return Number(after);
}

function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_EVENTS_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS_PAGE) throw new ValidationFailedError([`limit must be an integer from 1 to ${MAX_EVENTS_PAGE}`]);
  return limit;
}
