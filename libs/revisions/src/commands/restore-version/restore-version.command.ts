import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';
import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import type { EntityView } from '#revisions/projections/entity-head.js';
import type { RestoreWarning } from './restore-warning.js';

export interface RestoreResult {
  /** The entity after the restore (unchanged on a dry run). */
  entity: EntityView;
  /** Whether a `restore` version was appended. */
  changed: boolean;
  /** What the restore changes (or, on a dry run, would change). */
  changes: ChangeRecord[];
  warnings: RestoreWarning[];
}

/**
 * Brings back a past version's restorable state as a new `restore` version; history is never
 * rewritten. Restoring a deleted entity un-deletes it.
 */
export class RestoreVersionCommand extends Command<RestoreResult> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly versionId: string,
    readonly context: CommandContext,
    readonly options: { dryRun?: boolean; expectedVersionId?: string } = {},
  ) {
    super();
  }
}
