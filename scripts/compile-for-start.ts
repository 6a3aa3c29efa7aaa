import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform, type Options } from '@swc/core';
import { writeDistPackage } from './dist-package.js';

/**
 * `npm start` runs plain JavaScript: its `prestart` compiles the API's TypeScript here with swc,
 * only the files changed since, so the API process holds no compiler (about 250 MB less RSS than
 * compiling on load). git-ignored, and `npm ci` starts it over.
 */
export const START_OUT_DIR = 'node_modules/.cache/rewind/start';
export const START_ENTRY = join(START_OUT_DIR, 'apps/api/src/main.js');
/** `npm start`'s node flags: source maps, and start:prod's heap cap, so memory behaves as in production. */
export const START_NODE_FLAGS = ['--enable-source-maps', '--max-old-space-size=192'];

/** What the API may import, as tsconfig.build.json (and so `npm run build`) compiles it. */
const SOURCE_ROOTS = ['apps', 'libs', 'migrations'];
const SKIPPED = new Set(['node_modules', join('apps', 'web')]);
const isSource = (name: string) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts');

/** tsconfig.json's emit, as @swc-node/register derived it: ES2023 modules, legacy decorators with metadata for Nest's DI. */
const SWC_OPTIONS: Options = {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    experimental: { keepImportAttributes: true },
  },
  module: { type: 'es6' },
  isModule: true,
  sourceMaps: true,
  inlineSourcesContent: false,
  swcrc: false,
};

function sourcesUnder(path: string, found: string[] = []): string[] {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory() && !SKIPPED.has(entry.name) && !SKIPPED.has(full)) sourcesUnder(full, found);
    else if (entry.isFile() && isSource(entry.name)) found.push(full);
  }
  return found;
}

/** The options and compiler version: when either changes, everything is compiled again. */
function compilerStamp(): string {
  const { version } = createRequire(import.meta.url)('@swc/core/package.json') as { version: string };
  return createHash('sha256').update(JSON.stringify({ version, SWC_OPTIONS })).digest('hex');
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const aside = `${path}.${process.pid}.tmp`;
  await writeFile(aside, text);
  await rename(aside, path);
}

async function compileFile(source: string, outDir: string): Promise<void> {
  const out = join(outDir, source.replace(/\.ts$/, '.js'));
  const { code, map } = await transform(await readFile(source, 'utf8'), { ...SWC_OPTIONS, filename: source, sourceFileName: relative(dirname(out), source) });
  await mkdir(dirname(out), { recursive: true });
  // Written aside and renamed: a process starting meanwhile (a test, the bench) never reads half a file.
  await writeAtomically(`${out}.map`, map ?? '');
  await writeAtomically(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
}

/**
 * Compiles `files` (relative to the project root) into `outDir` where the output is missing or its
 * source's mtime is not the one it was compiled from (an edit, a checkout, an older copy); returns
 * how many were compiled. `outDir` gets the project's subpath imports (`#revisions/…`), pointing at
 * the compiled files, as `npm run build` gives dist/.
 */
export async function compileIfStale(outDir = START_OUT_DIR, files = SOURCE_ROOTS.flatMap((root) => sourcesUnder(root))): Promise<number> {
  const stampFile = join(outDir, '.compiler');
  const manifestFile = join(outDir, '.sources.json');
  const stamp = compilerStamp();
  if (!existsSync(stampFile) || (await readFile(stampFile, 'utf8')) !== stamp) await rm(outDir, { recursive: true, force: true });
  const compiledFrom: Record<string, number> = existsSync(manifestFile) ? JSON.parse(await readFile(manifestFile, 'utf8')) : {};
  // Read before compiling: an edit made meanwhile leaves a newer mtime, compiled next time.
  const mtimes = new Map(files.map((source) => [source, statSync(source).mtimeMs]));
  const stale = files.filter((source) => compiledFrom[source] !== mtimes.get(source) || !existsSync(join(outDir, source.replace(/\.ts$/, '.js'))));
  for (let i = 0; i < stale.length; i += 32) await Promise.all(stale.slice(i, i + 32).map((source) => compileFile(source, outDir)));
  const distPackage = join(outDir, 'package.json');
  if (!existsSync(distPackage) || statSync('package.json').mtimeMs > statSync(distPackage).mtimeMs) await writeDistPackage(outDir);
  await writeAtomically(manifestFile, JSON.stringify({ ...compiledFrom, ...Object.fromEntries(mtimes) }));
  await writeFile(stampFile, stamp);
  return stale.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  const compiled = await compileIfStale();
  if (compiled) console.log(`compiled ${compiled} files for npm start in ${Math.round(performance.now() - started)} ms`);
}
