import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { Database } from '#database/database.js';
import { Public } from '../auth/public.decorator.js';

/** Liveness plus a database round trip; 503 while PostgreSQL is unreachable. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: Database,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.indicators.check('database').attempt(async () => void (await this.db.query('select 1'))).withTimeout(2000)]);
  }
}
