import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The compiled tree gets its own package.json with the same subpath imports (`#revisions/…`):
 * Node resolves them from the nearest package.json, so inside `dist/` they point at compiled files.
 */
export async function writeDistPackage(outDir: string): Promise<void> {
  const { imports } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { imports: Record<string, string> };
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', imports }, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await writeDistPackage(process.argv[2] ?? 'dist');
}
