import { Controller, HttpCode, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import type { Actor } from '#revisions/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { commandContext } from '../entities/command-context.js';

/** Superset-format bundles in: the body is the ZIP that Superset's (or Rewind's) export writes. */
@ApiTags('bundles')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiConsumes('application/zip')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'dryRun', required: false, description: '`true`: answer the plan, write nothing.' })
  @ApiQuery({ name: 'source', required: false, description: 'The environment the bundle comes from (default `superset`); re-imports from it update what it created.' })
  import(@Req() request: Request, @CurrentActor() actor: Actor, @Query('dryRun') dryRun?: string, @Query('source') source?: string) {
    if (!Buffer.isBuffer(request.body)) throw new UnsupportedMediaTypeException('send the bundle as application/zip');
    return this.commands.execute(new ImportBundleCommand(request.body, commandContext(actor, request), { dryRun: dryRun === 'true', source }));
  }
}
