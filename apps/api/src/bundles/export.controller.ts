import { Controller, Get, Param, Query, Res, StreamableFile, type Type } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ExportBundleQuery } from '#bundles/queries/export-bundle/export-bundle.query.js';
import type { Actor } from '#revisions/actor.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';

/** `GET /{resource}/{id}/export`: a Superset-format ZIP that Superset and Rewind import. */
export function exportController(definition: EntityDefinition): Type<unknown> {
  @ApiTags(definition.resource)
  @ApiBearerAuth()
  @Controller(`api/v1/${definition.resource}`)
  class ExportController {
    constructor(private readonly queries: QueryBus) {}

    @Get(':id/export')
    @ApiProduces('application/zip')
    @ApiQuery({ name: 'version', required: false, description: 'A versionId: export that past version.' })
    @ApiQuery({ name: 'history', required: false, description: '`true`: add the retained event history (history/*.jsonl).' })
    async export(@Param('id') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response, @Query('version') version?: string, @Query('history') history?: string) {
      const bundle = await this.queries.execute(new ExportBundleQuery(definition.kind, id, actor, { versionId: version, history: history === 'true' }));
      response.setHeader('Content-Type', 'application/zip');
      response.setHeader('Content-Disposition', `attachment; filename="${bundle.fileName}"`);
      return new StreamableFile(bundle.archive);
    }
  }
  return ExportController;
}
