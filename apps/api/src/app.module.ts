import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '../../../libs/config/src/app-config.js';
import { resolveJwtSecret } from '../../../libs/config/src/jwt-secret.js';
import { entityDefinitions } from '../../../libs/entities/src/entity-definitions.js';
import { RewindCoreModule } from '../../../libs/entities/src/rewind-core.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { JWT_KEYS, JwtStrategy } from './auth/jwt.strategy.js';
import { ChangeFeedController } from './entities/change-feed.controller.js';
import { entityHistoryController } from './entities/entity-history.controller.js';
import { entityController } from './entities/entity.controller.js';
import { HealthController } from './health/health.controller.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { IdempotencyInterceptor } from './http/idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './http/idempotency/idempotency-store.js';

/** The HTTP API: thin controllers over the revision engine's command and query buses. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RewindCoreModule.forRoot({ url: config.databaseUrl, dataDir: config.dataDir }, { snapshotEvery: config.snapshotEvery }),
        PassportModule,
        TerminusModule,
      ],
      controllers: [HealthController, ChangeFeedController, ...entityDefinitions.flatMap((definition) => [entityController(definition), entityHistoryController(definition)])],
      providers: [
        { provide: JWT_KEYS, useValue: { secret: resolveJwtSecret(config), publicKey: config.jwt.publicKey } },
        JwtStrategy,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        IdempotencyStore,
      ],
    };
  }
}
