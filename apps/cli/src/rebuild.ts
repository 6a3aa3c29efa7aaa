import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { SingleBar, Presets } from 'cli-progress';
import type { AppConfig } from '#config/app-config.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import { RebuildProjectionsCommand } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';

/** `npm run rebuild`: every projection and the change log again from the events. */
export async function rebuildProjections(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(RewindCoreModule.forConfig(config, { as: 'migration' }), { logger: ['error', 'warn'] });
  const bar = new SingleBar({ format: 'rebuild [{bar}] {percentage}% | {value}/{total} events', hideCursor: true }, Presets.shades_classic);
  try {
    let started = false;
    const result = await app.get(CommandBus).execute(
      new RebuildProjectionsCommand((done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      }),
    );
    bar.stop();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    bar.stop();
    await app.close();
  }
}
