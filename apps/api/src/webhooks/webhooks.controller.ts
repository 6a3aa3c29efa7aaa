import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Webhooks } from '#webhooks/webhooks.js';
import type { Actor } from '#revisions/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { ApiPage } from '../entities/api-docs.js';
import { limitParam } from '../entities/command-context.js';

/** An org's webhooks (docs/events.md): signed JSON deliveries of every recorded revision. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: Webhooks) {}

  @Post()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['url', 'secret'],
      properties: {
        url: { type: 'string', description: 'http or https URL that receives the deliveries' },
        entityKinds: { type: 'array', items: { type: 'string' }, description: 'only these kinds (default: all)' },
        secret: { type: 'string', minLength: 16, description: 'HMAC-SHA256 key of the Rewind-Signature header; never shown again' },
      },
    },
  })
  async create(@CurrentActor() actor: Actor, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const webhook = await this.webhooks.create(actor, body);
    response.location(`/api/v1/admin/webhooks/${webhook.id}`);
    return webhook;
  }

  @Get()
  async list(@CurrentActor() actor: Actor) {
    return { items: await this.webhooks.list(actor) };
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.webhooks.remove(actor, id);
  }

  /** Newest first: each delivery's status, tries and last answer. */
  @Get(':id/deliveries')
  @ApiPage()
  deliveries(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    return this.webhooks.deliveries(actor, id, limitParam(limit), cursor);
  }
}
