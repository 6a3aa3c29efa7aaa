import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { Presets, SingleBar } from 'cli-progress';
import type { AppConfig } from '#config/app-config.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import { VerifyStreamsQuery, type VerifyResult } from '#revisions/queries/verify-streams/verify-streams.query.js';

/**
 * `npm run verify`: folds every stream under the current definitions (upcasters included) and
 * lists each one that fails. Run it before a deploy that changes a definition; it exits non-zero on
 * any failure, so a deploy script can stop on it.
 */
export async function verifyStreams(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(RewindCoreModule.forConfig(config), { logger: ['error', 'warn'] });
  const bar = new SingleBar({ format: 'verify [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  let result: VerifyResult;
  try {
    let started = false;
    result = await app.get(QueryBus).execute(
      new VerifyStreamsQuery((done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      }),
    );
  } finally {
    bar.stop();
    await app.close();
  }
  for (const failure of result.failures) process.stdout.write(`FAIL ${failure.kind} ${failure.id} version ${failure.version}: ${failure.reason}\n`);
  const summary = `${result.streams} streams, ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s: ${result.failures.length ? `${result.failures.length} failing` : 'all read in the current shape'}`;
  process.stdout.write(`${summary}\n`);
  if (result.failures.length) throw new Error(`verify: ${result.failures.length} streams do not fold under the current definitions`);
}
