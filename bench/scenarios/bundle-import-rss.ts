/**
 * Child process of the bundleImport scenario: boots the engine as the API does, imports one bundle
 * file through ImportBundleCommand while sampling its own RSS, and prints the peak as JSON.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';

const app = await NestFactory.createApplicationContext(RewindCoreModule.forRoot({ url: process.env.DATABASE_URL!, dataDir: '.data' }), { logger: ['error'] });
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const archive = await readFile(process.argv[2]);
const result = await app.get(CommandBus).execute(new ImportBundleCommand(archive, { actor: { id: 'bench-importer', org: 'bench-rss', roles: ['admin'] } }));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await app.close();
process.stdout.write(`${JSON.stringify({ entities: result.items.length, seconds: Math.round(seconds * 100) / 100, peakRssMb: mb(peak), baselineRssMb: mb(baseline) })}\n`);
process.exit(0);
