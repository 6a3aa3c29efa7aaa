import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { largeJsonBody } from './http/json-body/large-json-body.js';
import { requestId } from './logging/logger-params.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';

/**
 * A client that trickles its headers or body holds a socket and a request slot: the server gives
 * up on headers after 10 s and on a whole request after 30 s (Node answers 408).
 */
/** The largest JSON body accepted (1 MB, as body-parser reads `1mb`). */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export const SERVER_TIMEOUTS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

/** Request pipeline shared by `main.ts` and the e2e tests, so tests exercise what runs. */
export function configureApp(app: NestExpressApplication, options: { corsOrigins?: readonly string[] } = {}): INestApplication {
  const server = app.getHttpServer() as Server;
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeoutMs;
  app.set('etag', false); // entity ETags are version ids, set explicitly
  app.disable('x-powered-by'); // nothing to tell a scanner
  // CORS only for the origins configured (none by default); a browser client must read ETag to send If-Match.
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: [...options.corsOrigins],
      exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'X-Rewind-Merged', 'Retry-After'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'Revision-Message', 'X-Request-Id'],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
  app.set('query parser', 'simple');
  // The id first, so answers the body parsers give (413) carry it too; pino-http reuses it.
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    requestId(request, response);
    next();
  });
  // Large JSON bodies are parsed off the event loop; body-parser reads the rest.
  app.use(largeJsonBody(JSON_BODY_LIMIT_BYTES));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  // Bundles: the archive is read in memory, its entries streamed and bounded (libs/bundles/src/zip).
  app.useBodyParser('raw', { type: ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'], limit: '64mb' });

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
