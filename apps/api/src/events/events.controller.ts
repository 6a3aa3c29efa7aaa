import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#revisions/actor.js';
import { ListEventsQuery, MAX_EVENTS_PAGE_DOC } from '#revisions/queries/list-events/list-events.query.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { limitParam } from '../entities/command-context.js';

/** The org's recorded revisions in commit order, for integrations that poll (docs/events.md). */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiQuery({ name: 'after', required: false, description: 'position of the last event seen (nextAfter of the previous page); 0 or absent: from the start' })
  @ApiQuery({ name: 'limit', required: false, description: MAX_EVENTS_PAGE_DOC })
  list(@CurrentActor() actor: Actor, @Query('after') after?: string, @Query('limit') limit?: string) {
    return this.queries.execute(new ListEventsQuery(actor, after, limitParam(limit)));
  }
}
