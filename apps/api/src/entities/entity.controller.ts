import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, type Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from '#revisions/commands/delete-entity/delete-entity.command.js';
import { SaveEntityCommand, type SaveMode } from '#revisions/commands/save-entity/save-entity.command.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';
import { ListEntitiesQuery } from '#revisions/queries/list-entities/list-entities.query.js';
import type { WriteResult } from '#revisions/commands/write-result.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { isNotModified, parseIfMatch, setEntityTag } from '../http/conditional-headers.js';
import { ApiIdempotencyKey, ApiIfMatch, ApiRevisionMessage, ApiIfNoneMatch, ApiPage } from './api-docs.js';
import { ApiResponseBody, ApiWriteErrors, entitySchemaName } from '../openapi/response-schemas.js';
import { commandContext, limitParam } from './command-context.js';

/** REST for the current state of one kind: one line per endpoint, all work in commands and queries. */
export function entityController(definition: EntityDefinition): Type<unknown> {
  const { kind, resource, dto } = definition;
  const schema = entitySchemaName(definition);

  @ApiTags(resource)
  @ApiBearerAuth()
  @Controller(`api/v1/${resource}`)
  class EntityController {
    constructor(
      private readonly commands: CommandBus,
      private readonly queries: QueryBus,
    ) {}

    @Post()
    @ApiBody({ type: dto })
    @ApiResponseBody(schema, 201)
    @ApiIdempotencyKey()
    @ApiRevisionMessage()
    async create(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
      const entity = await this.commands.execute(new CreateEntityCommand(kind, body, commandContext(actor, request)));
      response.location(`/api/v1/${resource}/${entity.id}`);
      setEntityTag(response, entity.versionId);
      return entity;
    }

    @Get()
    @ApiPage()
    @ApiResponseBody(`${schema}Page`)
    @ApiQuery({ name: 'owner', required: false, description: 'only entities this user id owns' })
    @ApiQuery({ name: 'tag', required: false, description: 'only entities with this tag' })
    @ApiQuery({ name: 'published', required: false, type: Boolean, description: 'kinds with a published field only' })
    @ApiQuery({ name: 'q', required: false, description: `case-insensitive search in ${definition.labelField}` })
    list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
      const { limit, cursor, owner, tag, published, q } = query;
      return this.queries.execute(new ListEntitiesQuery(kind, actor, limitParam(limit as string | undefined), cursor as string | undefined, { owner, tag, published, q }));
    }

    @Get(':id')
    @ApiIfNoneMatch()
    @ApiResponseBody(schema)
    @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant: the state as of then (404 before creation, 410 if pruned)' })
    async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response, @Query('at') at?: string) {
      const entity = await this.queries.execute(new GetEntityQuery(kind, id, actor, { at }));
      setEntityTag(response, entity.versionId);
      if (isNotModified(request, entity.versionId)) return void response.status(304);
      return entity;
    }

    @Patch(':id')
    @ApiBody({ type: dto, description: 'Any subset of the fields; only those change.' })
    @ApiResponseBody(schema)
    @ApiWriteErrors()
    @ApiIfMatch()
    @ApiIdempotencyKey()
    @ApiRevisionMessage()
    patch(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
      return this.save(id, body, 'partial', ifMatch, actor, request, response);
    }

    @Put(':id')
    @ApiBody({ type: dto, description: 'The whole versioned state; absent fields take their defaults.' })
    @ApiResponseBody(schema)
    @ApiWriteErrors()
    @ApiIfMatch()
    @ApiIdempotencyKey()
    @ApiRevisionMessage()
    put(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
      return this.save(id, body, 'full', ifMatch, actor, request, response);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiWriteErrors()
    @ApiIfMatch()
    @ApiIdempotencyKey()
    @ApiRevisionMessage()
    async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Req() request: Request) {
      await this.commands.execute(new DeleteEntityCommand(kind, id, commandContext(actor, request), parseIfMatch(ifMatch)));
    }

    private async save(id: string, body: unknown, mode: SaveMode, ifMatch: string | undefined, actor: Actor, request: Request, response: Response) {
      const command = new SaveEntityCommand(kind, id, body, mode, commandContext(actor, request), parseIfMatch(ifMatch));
      return sendWrite(response, await this.commands.execute(command));
    }
  }

  Object.defineProperty(EntityController, 'name', { value: `${pascalCase(resource)}Controller` });
  return EntityController;
}

/** The new state with its ETag; a merged stale edit says so in `X-Rewind-Merged`. */
function sendWrite(response: Response, result: WriteResult) {
  setEntityTag(response, result.entity.versionId);
  if (result.merged) response.setHeader('X-Rewind-Merged', 'true');
  return result.warnings.length ? { ...result.entity, warnings: result.warnings } : result.entity;
}

export function pascalCase(name: string): string {
  return name[0].toUpperCase() + name.slice(1);
}
