import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * `npm start` runs this first: the history page is built when apps/web/dist is missing or older
 * than any of its sources, so a fresh clone needs no extra step and an unchanged one starts at once.
 */
const web = join(import.meta.dirname, '..');
const built = join(web, 'dist', 'index.html');
const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => join(web, name));

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export function isStale(): boolean {
  return !existsSync(built) || Math.max(...sources.map(newestChange)) > statSync(built).mtimeMs;
}

/** The page's API types first (they are not committed), then the page. */
export async function buildPage(): Promise<void> {
  // Loaded only when building: it starts the Nest app in preview mode, which a fresh page need not pay for.
  const { writeApiTypes } = await import('./api-types.js');
  await writeApiTypes();
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
}

if (process.argv[1] === import.meta.filename && isStale()) {
  console.log('building the history page (apps/web)…');
  await buildPage();
}
