import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { entityDefinitions } from '#entities/entity-definitions.js';
import type { Actor } from '#revisions/actor.js';
import { ListTrashQuery } from '#revisions/queries/list-trash/list-trash.query.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiResponseBody } from '../openapi/response-schemas.js';
import { ApiPage } from './api-docs.js';
import { limitParam } from './command-context.js';

/** Deleted entities of the caller's org, newest first: restore any version to bring one back. */
@ApiTags('trash')
@ApiBearerAuth()
@Controller('api/v1/trash')
export class TrashController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiPage()
  @ApiResponseBody('TrashPage')
  @ApiQuery({ name: 'entityKind', required: false, enum: entityDefinitions.map((definition) => definition.kind) })
  list(@CurrentActor() actor: Actor, @Query('entityKind') entityKind?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    return this.queries.execute(new ListTrashQuery(actor, { entityKind }, limitParam(limit), cursor));
  }
}
