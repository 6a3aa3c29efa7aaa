import 'reflect-metadata';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString } from 'openapi-typescript';
import { AppModule } from '#api/app.module.js';
import { buildOpenApiDocument } from '#api/openapi/openapi-document.js';
import { loadConfig } from '#config/app-config.js';

export const API_TYPES_FILE = join(import.meta.dirname, '../src/api/schema.d.ts');

const HEADER = `/**
 * Generated from the API's OpenAPI document (the one served at /docs-json; the page's paths) by
 * \`npm run generate:api-types\`, which typecheck, the page's builds and dev:web run. Not committed; do not edit.
 */
`;

/**
 * The API's OpenAPI document, built from the Nest app in preview mode (modules and routes, no
 * database), as a development server would serve it: dev sign-in included.
 */
export async function buildApiDocument() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rewind-openapi-'));
  Logger.overrideLogger(false);
  try {
    const app = await NestFactory.create(AppModule.forRoot(loadConfig({}, dataDir)), { preview: true, logger: false, bodyParser: false });
    const document = buildOpenApiDocument(app);
    await app.close();
    return document;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The paths the page calls; other endpoints (events, webhooks, imports…) change without touching its types. */
const PAGE_PATHS = /^\/api\/v1\/((dashboards|charts|datasets)(\/\{id\}(\/(versions|diff|purge)(\/.*)?)?)?|changes|trash|dev\/token)$/;

/** The document cut down to the page's paths and the schemas they reach. */
export function pageDocument<T extends { paths: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } }>(document: T): T {
  const paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => PAGE_PATHS.test(path)));
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const name = key === '$ref' && typeof child === 'string' ? child.replace('#/components/schemas/', '') : undefined;
      if (name && !reached.has(name)) {
        reached.add(name);
        visit(schemas[name]);
      } else visit(child);
    }
  };
  visit(paths);
  return { ...document, paths, components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name))) } };
}

/** The TypeScript the page's API client is typed with. */
export async function generateApiTypes(): Promise<string> {
  const document = pageDocument(await buildApiDocument());
  return HEADER + astToString(await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true }));
}

/**
 * Writes the page's API types (git-ignored: made wherever they are needed, never stale). An
 * unchanged file is left untouched, so the page does not look edited to `npm start`.
 */
export async function writeApiTypes(): Promise<boolean> {
  const types = await generateApiTypes();
  if (existsSync(API_TYPES_FILE) && readFileSync(API_TYPES_FILE, 'utf8') === types) return false;
  writeFileSync(API_TYPES_FILE, types);
  return true;
}
