import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CommandMetrics } from './command-metrics.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { RevisionMetricsHandler } from './revision-metrics.handler.js';
import { RewindMetrics } from './rewind-metrics.js';

/**
 * GET /metrics and what feeds it. Imported only when METRICS_ENABLED; otherwise nothing is counted
 * and /metrics is a 404. Global, so the retention runner can report its runs when it is present.
 */
@Global()
@Module({ controllers: [MetricsController], providers: [RewindMetrics, RevisionMetricsHandler, CommandMetrics, HttpMetricsMiddleware], exports: [RewindMetrics] })
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
