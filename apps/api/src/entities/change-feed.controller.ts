import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { entityDefinitions } from '#entities/entity-definitions.js';
import type { Actor } from '#revisions/actor.js';
import { ChangeFeedQuery } from '#revisions/queries/change-feed/change-feed.query.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiPage } from './api-docs.js';
import { ApiResponseBody } from '../openapi/response-schemas.js';
import { limitParam } from './command-context.js';

/** The org's change feed: every change record, newest first. */
@ApiTags('changes')
@ApiBearerAuth()
@Controller('api/v1/changes')
export class ChangeFeedController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiPage()
  @ApiResponseBody('ChangeFeedPage')
  @ApiQuery({ name: 'entityKind', required: false, enum: entityDefinitions.map((definition) => definition.kind) })
  @ApiQuery({ name: 'kind', required: false, description: 'change kind: field, filter, metric, time_range, color_palette, dimension, column, chart, layout' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 timestamp' })
  @ApiQuery({ name: 'entityId', required: false, description: 'only this entity (uuid)' })
  @ApiQuery({ name: 'actor', required: false, description: 'only versions written by this user id' })
  feed(
    @CurrentActor() actor: Actor,
    @Query('entityKind') entityKind?: string,
    @Query('kind') kind?: string,
    @Query('since') since?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
    @Query('entityId') entityId?: string,
    @Query('actor') actorId?: string,
  ) {
    return this.queries.execute(new ChangeFeedQuery(actor, { entityKind, kind, since, entityId, actor: actorId }, limitParam(limit), cursor));
  }
}
