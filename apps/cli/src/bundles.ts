import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import { ExportBundleQuery } from '#bundles/queries/export-bundle/export-bundle.query.js';
import type { AppConfig } from '#config/app-config.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import type { Actor } from '#revisions/actor.js';

export const BUNDLE_USAGE = `  npm run import -- --org acme FILE.zip [--dry-run] [--source NAME] [--actor ID]
  npm run export -- --org acme --dashboard ID | --chart ID | --dataset ID [--version VERSION_ID] [--history] [--actor ID] > FILE.zip`;

/** The operator acts as an admin of the org, under an id that shows in the history it writes. */
function operator(org: string, actor: string | undefined): Actor {
  return { id: actor ?? `cli:${process.env.USER ?? 'operator'}`, org, roles: ['admin'] };
}

async function withCore<T>(config: AppConfig, work: (app: { commands: CommandBus; queries: QueryBus }) => Promise<T>): Promise<T> {
  // Logs go to stderr: stdout carries the result (a ZIP for export).
  const app = await NestFactory.createApplicationContext(RewindCoreModule.forConfig(config), { logger: ['error', 'warn'] });
  try {
    return await work({ commands: app.get(CommandBus), queries: app.get(QueryBus) });
  } finally {
    await app.close();
  }
}

/** `npm run import -- --org acme FILE.zip [--dry-run]`: the answer of POST /api/v1/imports, as JSON. */
export async function importBundle(config: AppConfig, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { org: { type: 'string' }, 'dry-run': { type: 'boolean' }, source: { type: 'string' }, actor: { type: 'string' } },
  });
  if (!values.org || positionals.length !== 1) throw new Error(`usage:\n${BUNDLE_USAGE}`);
  const archive = await readFile(positionals[0]);
  const result = await withCore(config, ({ commands }) =>
    commands.execute(new ImportBundleCommand(archive, { actor: operator(values.org!, values.actor) }, { dryRun: values['dry-run'] ?? false, source: values.source })),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** `npm run export -- --org acme --dashboard ID [--history] > FILE.zip`. */
export async function exportBundle(config: AppConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, dashboard: { type: 'string' }, chart: { type: 'string' }, dataset: { type: 'string' }, version: { type: 'string' }, history: { type: 'boolean' }, actor: { type: 'string' } },
  });
  const chosen = (['dashboard', 'chart', 'dataset'] as const).filter((kind) => values[kind]);
  if (!values.org || chosen.length !== 1) throw new Error(`usage:\n${BUNDLE_USAGE}`);
  const kind = chosen[0];
  const bundle = await withCore(config, ({ queries }) =>
    queries.execute(new ExportBundleQuery(kind, values[kind]!, operator(values.org!, values.actor), { versionId: values.version, history: values.history ?? false })),
  );
  if (process.stdout.isTTY) throw new Error('the bundle is binary: redirect it to a file (> FILE.zip)');
  await new Promise<void>((resolve, reject) => process.stdout.write(bundle.archive, (error) => (error ? reject(error) : resolve())));
}
