import { BadRequestException, Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res, type Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#revisions/actor.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { PinVersionCommand } from '#revisions/commands/pin-version/pin-version.command.js';
import { UnpinVersionCommand } from '#revisions/commands/unpin-version/unpin-version.command.js';
import { PurgeEntityCommand } from '#revisions/commands/purge-entity/purge-entity.command.js';
import { RedactEntityCommand } from '#revisions/commands/redact-entity/redact-entity.command.js';
import { RestoreVersionCommand } from '#revisions/commands/restore-version/restore-version.command.js';
import { DiffVersionsQuery } from '#revisions/queries/diff-versions/diff-versions.query.js';
import { GetVersionQuery } from '#revisions/queries/get-version/get-version.query.js';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { isNotModified, parseIfMatch, setEntityTag } from '../http/conditional-headers.js';
import { ApiIdempotencyKey, ApiIfMatch, ApiRevisionMessage, ApiIfNoneMatch, ApiPage } from './api-docs.js';
import { ApiResponseBody, ApiWriteErrors, entitySchemaName } from '../openapi/response-schemas.js';
import { pascalCase } from './entity.controller.js';
import { commandContext, limitParam } from './command-context.js';

/** REST for one kind's history: versions, one version's state, the diff of two versions, restore. */
export function entityHistoryController(definition: EntityDefinition): Type<unknown> {
  const { kind, resource } = definition;

  @ApiTags(resource)
  @ApiBearerAuth()
  @Controller(`api/v1/${resource}/:id`)
  class EntityHistoryController {
    constructor(
      private readonly commands: CommandBus,
      private readonly queries: QueryBus,
    ) {}

    @Get('versions')
    @ApiPage()
    @ApiResponseBody('VersionPage')
    @ApiQuery({ name: 'before', required: false, description: 'ISO 8601 instant: only versions recorded before it' })
    @ApiQuery({ name: 'actor', required: false, description: 'only versions written by this user id' })
    @ApiQuery({ name: 'kind', required: false, description: 'only versions with a change of this kind (time_range, filter, metric, …)' })
    @ApiQuery({ name: 'path', required: false, description: 'only versions with a change under this dot-separated path (params.time_range)' })
    versions(@Param('id') id: string, @CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
      const { limit, cursor, before, actor: actorId, kind: changeKind, path } = query;
      return this.queries.execute(new ListVersionsQuery(kind, id, actor, limitParam(limit as string | undefined), cursor as string | undefined, { before, actor: actorId, kind: changeKind, path }));
    }

    @Get('diff')
    @ApiResponseBody('VersionDiff')
    @ApiQuery({ name: 'from', required: true, description: 'versionId to compare from' })
    @ApiQuery({ name: 'to', required: false, description: 'versionId to compare to; the current version when absent' })
    @ApiQuery({ name: 'cursor', required: false, description: 'the `nextCursor` of the previous answer, when its changes were cut short by their size' })
    diff(@Param('id') id: string, @CurrentActor() actor: Actor, @Query('from') from?: string, @Query('to') to?: string, @Query('cursor') cursor?: string) {
      return this.queries.execute(new DiffVersionsQuery(kind, id, from ?? '', to, actor, cursor));
    }

    @Post('versions/:versionId/restore')
    @HttpCode(200)
    @ApiResponseBody([entitySchemaName(definition), 'RestorePreview'], 200, 'the new state; with dryRun=true, a RestorePreview')
    @ApiWriteErrors()
    @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'true: answer `{ changes, warnings }` and write nothing' })
    @ApiIfMatch()
    @ApiIdempotencyKey()
    @ApiRevisionMessage()
    async restore(
      @Param('id') id: string,
      @Param('versionId') versionId: string,
      @Headers('if-match') ifMatch: string | undefined,
      @CurrentActor() actor: Actor,
      @Req() request: Request,
      @Res({ passthrough: true }) response: Response,
      @Query('dryRun') dryRun?: string,
    ) {
      if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw new BadRequestException('dryRun must be true or false');
      const command = new RestoreVersionCommand(kind, id, versionId, commandContext(actor, request), { dryRun: dryRun === 'true', expectedVersionId: parseIfMatch(ifMatch) });
      const result = await this.commands.execute(command);
      if (dryRun === 'true') return { changes: result.changes, warnings: result.warnings };
      setEntityTag(response, result.entity.versionId);
      return { ...result.entity, warnings: result.warnings };
    }

    @Put('versions/:versionId/pin')
    @ApiResponseBody('PinnedVersion')
    @ApiBody({ schema: { type: 'object', required: ['label'], additionalProperties: false, properties: { label: { type: 'string', maxLength: 200 } } } })
    @ApiIdempotencyKey()
    pin(@Param('id') id: string, @Param('versionId') versionId: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request) {
      return this.commands.execute(new PinVersionCommand(kind, id, versionId, pinLabelOf(body), commandContext(actor, request)));
    }

    @Delete('versions/:versionId/pin')
    @HttpCode(204)
    @ApiIdempotencyKey()
    async unpin(@Param('id') id: string, @Param('versionId') versionId: string, @CurrentActor() actor: Actor, @Req() request: Request) {
      await this.commands.execute(new UnpinVersionCommand(kind, id, versionId, commandContext(actor, request)));
    }

    @Post('redact')
    @HttpCode(200)
    @ApiBody({ schema: { type: 'object', required: ['match', 'reason'], additionalProperties: false, properties: { match: { type: 'string', minLength: 4 }, reason: { type: 'string' } } } })
    @ApiIdempotencyKey()
    redact(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request) {
      return this.commands.execute(new RedactEntityCommand(kind, id, objectWith(body, ['match', 'reason']), commandContext(actor, request)));
    }

    @Delete('purge')
    @HttpCode(204)
    @ApiIdempotencyKey()
    async purge(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() request: Request) {
      await this.commands.execute(new PurgeEntityCommand(kind, id, commandContext(actor, request)));
    }

    @Get('versions/:versionId')
    @ApiIfNoneMatch()
    @ApiResponseBody('VersionState')
    async version(@Param('id') id: string, @Param('versionId') versionId: string, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
      const version = await this.queries.execute(new GetVersionQuery(kind, id, versionId, actor));
      setEntityTag(response, version.versionId);
      if (isNotModified(request, version.versionId)) return void response.status(304);
      return version;
    }
  }

  Object.defineProperty(EntityHistoryController, 'name', { value: `${pascalCase(resource)}HistoryController` });
  return EntityHistoryController;
}

/** `{ label }` and nothing else; the command checks the label itself. */
function pinLabelOf(body: unknown): unknown {
  return objectWith(body, ['label']).label;
}

/** A JSON object with no keys but `allowed`; the command checks the values. */
function objectWith(body: unknown, allowed: string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException(`the body must be { ${allowed.join(', ')} }`);
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new BadRequestException(unknown.map((key) => `property ${key} should not exist`));
  return body as Record<string, unknown>;
}
