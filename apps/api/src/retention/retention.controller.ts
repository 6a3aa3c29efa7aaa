import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#revisions/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { RetentionRunner } from './retention.runner.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionRunner) {}

  /** Prune the caller's org now → `{ prunedEvents, prunedChanges, compactedStreams, purgedEntities, durationMs }`, counted for that org. */
  @Post('run')
  @HttpCode(200)
  @RequireRole('admin')
  async run(@CurrentActor() actor: Actor) {
    const { prunedEvents, prunedChanges, compactedStreams, purgedEntities, durationMs, skipped } = await this.retention.run(actor.org);
    return { prunedEvents, prunedChanges, compactedStreams, purgedEntities, durationMs, ...(skipped && { skipped }) };
  }
}
