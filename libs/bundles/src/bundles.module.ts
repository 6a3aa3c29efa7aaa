import { Module, type DynamicModule } from '@nestjs/common';
import { ImportBundleHandler } from './commands/import-bundle/import-bundle.handler.js';
import { ImportPlanner } from './import/import-planner.js';
import { ImportWriter } from './import/import-writer.js';
import { ResourceMappings } from './mappings/resource-mappings.js';
import { ExportBundleHandler } from './queries/export-bundle/export-bundle.handler.js';
import { SUPERSET_MAPPINGS, type SupersetMapping } from './superset/superset-mapping.js';

const commandHandlers = [ImportBundleHandler];
const queryHandlers = [ExportBundleHandler];
const services = [ResourceMappings, ImportPlanner, ImportWriter];

/**
 * Superset-format bundles in and out. It is given each kind's Superset mapping (kept beside the
 * kind's definition) and writes through the revision engine; the engine knows nothing of Superset.
 */
@Module({})
export class BundlesModule {
  static forRoot(mappings: SupersetMapping[]): DynamicModule {
    return {
      module: BundlesModule,
      providers: [{ provide: SUPERSET_MAPPINGS, useValue: mappings }, ...services, ...commandHandlers, ...queryHandlers],
      exports: [ResourceMappings],
    };
  }
}
