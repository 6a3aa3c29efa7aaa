import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';
import type { ImportResult } from '#bundles/import/import-plan.js';

/**
 * Imports a Superset-format bundle (a ZIP) into the actor's org, in one transaction. `source` names
 * the environment the bundle came from: re-importing from the same source updates what it created.
 */
export class ImportBundleCommand extends Command<ImportResult> {
  constructor(
    readonly archive: Buffer,
    readonly context: CommandContext,
    readonly options: { dryRun?: boolean; source?: string } = {},
  ) {
    super();
  }
}
