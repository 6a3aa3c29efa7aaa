import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { RewindMetrics } from './rewind-metrics.js';

type RoutedRequest = IncomingMessage & { route?: { path?: string } };

/**
 * Times every request to its response's end, labelled with the route template Express matched
 * (`/api/v1/dashboards/:id`, never the raw URL, so label values stay bounded), and counts 409/412
 * answers as conflicts of the kind the route serves, and admins' purges (204).
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly kindOfResource: Map<string, string>;

  constructor(
    private readonly metrics: RewindMetrics,
    definitions: DefinitionRegistry,
  ) {
    this.kindOfResource = new Map(definitions.all.map((definition) => [definition.resource, definition.kind]));
  }

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = request.route?.path ?? 'unmatched';
      const status = String(response.statusCode);
      this.metrics.httpDuration.observe({ method: request.method ?? 'GET', route, status }, Number(process.hrtime.bigint() - started) / 1e9);
      if (status === '409' || status === '412') this.metrics.conflicts.inc({ kind: this.kindOf(route), status });
      // A purge publishes no revision (the stream is gone), so the admin's is counted from its answer.
      if (status === '204' && request.method === 'DELETE' && route.endsWith('/purge')) this.metrics.purges.inc({ kind: this.kindOf(route), reason: 'admin' });
    });
    next();
  }

  private kindOf(route: string): string {
    const resource = /^\/api\/v1\/([^/]+)/.exec(route)?.[1];
    return (resource && this.kindOfResource.get(resource)) ?? 'none';
  }
}
