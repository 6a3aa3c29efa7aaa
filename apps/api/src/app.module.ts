import type { MigrationObject } from '@mikro-orm/core';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#config/app-config.js';
import { resolveJwtSecret } from '#config/jwt-secret.js';
import { entityDefinitions } from '#entities/entity-definitions.js';
import { supersetMappings } from '#entities/superset-mappings.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { WebhooksModule } from '#webhooks/webhooks.module.js';
import { DevSignInModule } from './auth/dev-sign-in.controller.js';
import { RoleGuard } from './auth/require-role.decorator.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { JWT_KEYS, JwtStrategy } from './auth/jwt.strategy.js';
import { exportController } from './bundles/export.controller.js';
import { ImportsController } from './bundles/imports.controller.js';
import { ChangeFeedController } from './entities/change-feed.controller.js';
import { entityHistoryController } from './entities/entity-history.controller.js';
import { entityController } from './entities/entity.controller.js';
import { EventsController } from './events/events.controller.js';
import { TrashController } from './entities/trash.controller.js';
import { HealthController } from './health/health.controller.js';
import { loggerParams } from './logging/logger-params.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { RetentionController } from './retention/retention.controller.js';
import { RetentionRunner } from './retention/retention.runner.js';
import { RETENTION_SCHEDULE, RetentionScheduler } from './retention/retention.scheduler.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { HistoryPageModule } from './web/history-page.module.js';
import { SingleValueQueryGuard } from './http/single-value-query.guard.js';
import { IdempotencyInterceptor } from './http/idempotency/idempotency.interceptor.js';
import { DEFAULT_IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_LEASE_MS, IdempotencyStore } from './http/idempotency/idempotency-store.js';

/** The HTTP API: thin controllers over the revision engine's command and query buses. */
@Module({})
export class AppModule {
  /**
   * `options`: the built history page (apps/web/dist by default); the kinds served (the three real
   * ones by default) and migrations of extra ones (tests).
   */
  static forRoot(config: AppConfig, options: { historyPageDir?: string; definitions?: EntityDefinition[]; migrations?: MigrationObject[] } = {}): DynamicModule {
    const definitions = options.definitions ?? entityDefinitions;
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRootAsync({ useFactory: () => loggerParams(config) }),
        RewindCoreModule.forConfig(config, { migrations: options.migrations }, definitions),
        WebhooksModule.forRoot(config.webhooks),
        PassportModule,
        ScheduleModule.forRoot(),
        TerminusModule,
        DevSignInModule.forRoot(config),
        HistoryPageModule.forRoot(options.historyPageDir),
        ...(config.metricsEnabled ? [MetricsModule] : []),
      ],
      controllers: [HealthController, ImportsController, ChangeFeedController, TrashController, EventsController, SubscriptionsController, WebhooksController, RetentionController, ...definitions.flatMap((definition) => [entityController(definition), entityHistoryController(definition), ...(supersetMappings.some((mapping) => mapping.kind === definition.kind) ? [exportController(definition)] : [])])],
      providers: [
        { provide: JWT_KEYS, useValue: { secret: resolveJwtSecret(config), publicKey: config.jwt.publicKey } },
        JwtStrategy,
        { provide: APP_GUARD, useClass: SingleValueQueryGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RoleGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: IDEMPOTENCY_LEASE_MS, useValue: DEFAULT_IDEMPOTENCY_LEASE_MS },
        IdempotencyStore,
        { provide: RETENTION_SCHEDULE, useValue: { cron: config.retention.cron, enabled: config.retention.enabled } },
        RetentionRunner,
        RetentionScheduler,
      ],
    };
  }
}
