import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '#config/app-config.js';
import { RewindCoreModule } from '#entities/rewind-core.module.js';
import { DemoContentSeeder } from './demo-content.seeder.js';

/**
 * A second Nest application on the same engine as the API: it writes only through the CQRS
 * command bus, so its saves get the same validation, authorization and history as REST.
 */
@Module({})
export class SeederModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeederModule,
      imports: [RewindCoreModule.forConfig(config)],
      providers: [DemoContentSeeder],
      exports: [DemoContentSeeder],
    };
  }
}
