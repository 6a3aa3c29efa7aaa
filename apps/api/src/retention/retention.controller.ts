import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator.js';
import { RetentionRunner } from './retention.runner.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionRunner) {}

  /** Prune now → `{ prunedEvents, prunedChanges, compactedStreams, durationMs }`. */
  @Post('run')
  @HttpCode(200)
  @RequireRole('admin')
  async run() {
    const { prunedEvents, prunedChanges, compactedStreams, durationMs, skipped } = await this.retention.run();
    return { prunedEvents, prunedChanges, compactedStreams, durationMs, ...(skipped && { skipped }) };
  }
}
