import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { entityDefinitions } from '#entities/entity-definitions.js';
import { entityResponseSchemas, responseSchemas } from './response-schemas.js';

/** The OpenAPI document served at `/docs-json`; also what the history page's client types are generated from. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rewind')
      .setDescription('Version history for dashboards, charts and datasets. Every save appends an immutable revision.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...responseSchemas, ...entityResponseSchemas(entityDefinitions) } };
  return document;
}
