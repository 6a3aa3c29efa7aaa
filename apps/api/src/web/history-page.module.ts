import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/** Where `vite build` writes the history page; relative to the project root, like `.data`, so `start:prod` finds it too. */
export const HISTORY_PAGE_DIR = resolve('apps/web/dist');

/**
 * Serves the history page's static files at `/`. Express serves them after every Nest route, and
 * only `/` falls back to index.html (the page routes in the URL fragment), so `/api`, `/health`,
 * `/docs` and `/metrics` are never shadowed and unknown API paths still get a JSON 404.
 */
@Module({})
export class HistoryPageModule {
  static forRoot(rootPath = HISTORY_PAGE_DIR): DynamicModule {
    if (!existsSync(join(rootPath, 'index.html'))) {
      new Logger('history-page').warn({ msg: 'the history page is not built; `npm start` builds it, or run `npm run build:web`', rootPath });
      return { module: HistoryPageModule };
    }
    return {
      module: HistoryPageModule,
      imports: [ServeStaticModule.forRoot({ rootPath, renderPath: '/', serveStaticOptions: { index: 'index.html', setHeaders: cacheHeaders(join(rootPath, 'assets')) } })],
    };
  }
}

/** Hashed assets never change; index.html is revalidated so a new build shows at once. */
const cacheHeaders = (assets: string) => (response: Response, path: string) => {
  response.setHeader('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (path.endsWith('.html')) response.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'");
};
