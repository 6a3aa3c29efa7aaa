import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintToken } from '#cli/mint-token.js';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import { ImportPlanner } from '#bundles/import/import-planner.js';
import { readSupersetBundle } from '#bundles/superset/read-bundle.js';
import { supersetMappings } from '#entities/superset-mappings.js';
import type { Actor } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { documentToApi } from '#revisions/definition/entity-document.js';
import { SupersetBundleBuilder } from '#test/support/superset-bundle.js';
import { buildApi, startApi } from '../api-process.js';
import type { BenchEngine } from '../engine.js';
import { round } from '../measure.js';

export interface BundleImportResult {
  dashboards: number;
  chartsPerDashboard: number;
  entities: number;
  zipMb: number;
  importSeconds: number;
  importEntitiesPerSecond: number;
  oneByOneSeconds: number;
  oneByOneEntitiesPerSecond: number;
  /** Import throughput over one-by-one creation through the command bus: the target is ≥ 1. */
  ratio: number;
  rss: { yamlMb: number; zipMb: number; entities: number; seconds: number; peakRssMb: number; baselineRssMb: number };
}

const admin = (org: string): Actor => ({ id: 'bench-importer', org, roles: ['admin'] });

/** `dashboards` dashboards of `charts` charts each, on ten shared datasets, with cross-filters. */
export function dashboardsBundle(dashboards: number, charts: number, paramsBytes = 0): SupersetBundleBuilder {
  const builder = new SupersetBundleBuilder();
  const datasets = Array.from({ length: 10 }, () => builder.dataset());
  const padding = 'x'.repeat(paramsBytes);
  for (let d = 0; d < dashboards; d++) {
    const list = Array.from({ length: charts }, (_, c) => {
      const chart = builder.chart(datasets[(d + c) % datasets.length]);
      if (padding) (chart.config.params as Record<string, unknown>).description_markdown = padding;
      return chart;
    });
    builder.dashboard(list);
  }
  return builder;
}

/**
 * The same content two ways: one bundle import (one transaction), and the same entities created
 * one by one through CreateEntityCommand (a transaction each). Then the API's peak RSS while it
 * imports a bundle of about 50 MB of YAML over HTTP, compiled and heap-capped as start:prod runs it.
 */
export async function measureBundleImport(engine: BenchEngine, options: { dashboards: number; charts: number; rssYamlMb: number }, databaseUrl: string, workDir: string, log: (line: string) => void): Promise<BundleImportResult> {
  const zip = await dashboardsBundle(options.dashboards, options.charts).zip();
  const entities = 10 + options.dashboards * options.charts + options.dashboards;

  const started = performance.now();
  await engine.commands.execute(new ImportBundleCommand(zip, { actor: admin('bench-import') }));
  const importSeconds = (performance.now() - started) / 1000;
  log(`  import: ${entities} entities in ${round(importSeconds, 2)} s`);

  // The same documents, created one at a time (planned by a dry run, so the work is equal).
  const oneByOne = admin('bench-one-by-one');
  const plan = await engine.app.get(ImportPlanner).plan(await readSupersetBundle(zip, supersetMappings), oneByOne, 'bench');
  const definitions = engine.app.get(DefinitionRegistry);
  const oneStarted = performance.now();
  for (const entity of plan.entities) {
    const input = { ...documentToApi(definitions.get(entity.entityKind), entity.document), ...entity.cached };
    await engine.commands.execute(new CreateEntityCommand(entity.entityKind, input, { actor: oneByOne }, entity.id));
  }
  const oneByOneSeconds = (performance.now() - oneStarted) / 1000;
  log(`  one by one: ${plan.entities.length} entities in ${round(oneByOneSeconds, 2)} s`);

  const rss = await measureImportRss(options.rssYamlMb, databaseUrl, workDir, log);
  const importEntitiesPerSecond = entities / importSeconds;
  const oneByOneEntitiesPerSecond = plan.entities.length / oneByOneSeconds;
  return {
    dashboards: options.dashboards,
    chartsPerDashboard: options.charts,
    entities,
    zipMb: round(zip.length / 1024 / 1024, 2),
    importSeconds: round(importSeconds, 2),
    importEntitiesPerSecond: round(importEntitiesPerSecond, 0),
    oneByOneSeconds: round(oneByOneSeconds, 2),
    oneByOneEntitiesPerSecond: round(oneByOneEntitiesPerSecond, 0),
    ratio: round(importEntitiesPerSecond / oneByOneEntitiesPerSecond, 2),
    rss,
  };
}

async function measureImportRss(yamlMb: number, databaseUrl: string, workDir: string, log: (line: string) => void): Promise<BundleImportResult['rss']> {
  // Charts with 24 KB of params each: 2 100 charts make about 50 MB of YAML.
  const charts = Math.ceil((yamlMb * 1024 * 1024) / (25 * 1024));
  const builder = dashboardsBundle(Math.ceil(charts / 10), 10, 24 * 1024);
  const yamlBytes = Object.values(builder.files()).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const zip = await builder.zip();
  log(`  RSS: POST /api/v1/imports of ${round(yamlBytes / 1024 / 1024, 1)} MB of YAML (${round(zip.length / 1024 / 1024, 1)} MB zipped) to the compiled API, as start:prod runs it`);
  const secret = randomBytes(32).toString('base64url');
  const api = await startApi(databaseUrl, secret, workDir, await buildApi(join(workDir, 'dist-bundles')));
  try {
    await sleep(1000);
    const baseline = await api.rssMb();
    let peak = baseline;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await api.rssMb().catch(() => peak));
        await sleep(25);
      }
    })();
    const token = mintToken(secret, { sub: 'bench-importer', org: 'bench-rss', roles: ['admin'] });
    const started = performance.now();
    const response = await fetch(`${api.url}/api/v1/imports`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/zip' }, body: zip });
    const seconds = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;
    const body = (await response.json()) as { items?: unknown[]; message?: unknown };
    if (!response.ok) throw new Error(`import answered ${response.status}: ${JSON.stringify(body.message)}`);
    return { yamlMb: round(yamlBytes / 1024 / 1024, 1), zipMb: round(zip.length / 1024 / 1024, 1), entities: body.items!.length, seconds: round(seconds, 2), peakRssMb: peak, baselineRssMb: baseline };
  } finally {
    await api.stop();
  }
}
