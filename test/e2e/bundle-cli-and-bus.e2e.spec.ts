import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import { ExportBundleQuery } from '#bundles/queries/export-bundle/export-bundle.query.js';
import { readSupersetBundle } from '#bundles/superset/read-bundle.js';
import { supersetMappings } from '#entities/superset-mappings.js';
import type { Actor } from '#revisions/actor.js';
import { ForbiddenActionError } from '#revisions/errors.js';
import { countEvents, uid } from '../support/entity-fixtures.js';
import { SupersetBundleBuilder } from '../support/superset-bundle.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();
const run = promisify(execFile);

function bundle() {
  const builder = new SupersetBundleBuilder();
  const dataset = builder.dataset();
  builder.dashboard([builder.chart(dataset), builder.chart(dataset)]);
  return builder;
}

/** The CLI as an operator runs it (`npm run import|export -- …`), against the test database. */
async function cli(args: string[], stdoutFile?: string) {
  const env = { ...process.env, DATABASE_URL: t.databaseUrl, NODE_ENV: 'test', JWT_SECRET: 'cli-test' };
  const { stdout } = await run('node', ['--import', '@swc-node/register/esm-register', 'apps/cli/src/main.ts', ...args], { env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  if (stdoutFile) await writeFile(stdoutFile, stdout);
  return stdout;
}

describe('bundles on the command bus', () => {
  const actor = (roles: Actor['roles'], org = `org-${uid()}`): Actor => ({ id: `module-${uid()}`, org, roles });

  it('ImportBundleCommand and ExportBundleQuery follow the same rules as REST', async () => {
    const editor = actor(['editor']);
    const result = await t.commands.execute(new ImportBundleCommand(await bundle().zip(), { actor: editor }));
    expect(result.items.map((item) => item.action)).toEqual(['create', 'create', 'create', 'create']);
    const exported = await t.queries.execute(new ExportBundleQuery('dashboard', result.items[3].id, { ...editor, roles: ['viewer'] }));
    const read = await readSupersetBundle(exported.archive, supersetMappings);
    expect(read.entities.get('chart')).toHaveLength(2);

    const before = await countEvents(t);
    await expect(t.commands.execute(new ImportBundleCommand(await bundle().zip(), { actor: actor(['viewer']) }))).rejects.toThrow(ForbiddenActionError);
    await expect(t.commands.execute(new ImportBundleCommand(Buffer.from('not a zip'), { actor: editor }))).rejects.toThrow(/not a ZIP/);
    await expect(t.queries.execute(new ExportBundleQuery('dashboard', result.items[3].id, actor(['viewer'])))).rejects.toThrow(/not found/);
    expect(await countEvents(t)).toBe(before);
  });
});

describe('npm run import / npm run export', () => {
  it('imports a bundle (and dry-runs one), then exports a dashboard with its history to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rewind-cli-'));
    const file = join(dir, 'bundle.zip');
    await writeFile(file, await bundle().zip());
    const org = `acme-${uid()}`;

    const before = await countEvents(t);
    const planned = JSON.parse((await cli(['import', '--org', org, file, '--dry-run'])).toString());
    expect(planned.items.map((item: { action: string }) => item.action)).toEqual(['create', 'create', 'create', 'create']);
    expect(await countEvents(t)).toBe(before);

    const imported = JSON.parse((await cli(['import', '--org', org, file])).toString());
    const dashboard = imported.items.find((item: { entityKind: string }) => item.entityKind === 'dashboard');
    expect(await countEvents(t)).toBe(before + 4);

    const out = join(dir, 'export.zip');
    await cli(['export', '--org', org, '--dashboard', dashboard.id, '--history'], out);
    const read = await readSupersetBundle(await readFile(out), supersetMappings);
    expect(read.entities.get('dashboard')![0].sourceUuid).toBe(dashboard.id);
    expect(read.history).toHaveLength(4);
  }, 120_000);
});
