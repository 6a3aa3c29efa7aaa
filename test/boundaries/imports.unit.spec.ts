import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOTS = ['apps', 'libs', 'test', 'bench', 'migrations', 'scripts'];
const CLIMBING = /(?:from|import)\s*\(?\s*['"](?:\.\.\/){2,}/;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

it('no import climbs more than one ../: farther code is reached through a subpath import (#revisions/…)', () => {
  const climbing = ROOTS.flatMap((root) => [...sources(root)].filter((file) => readFileSync(file, 'utf8').split('\n').some((line) => CLIMBING.test(line))));
  expect(climbing).toEqual([]);
});
