import { HttpException } from '@nestjs/common';
import { BundleTooLargeError } from '#bundles/bundle-errors.js';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import type { ImportResult } from '#bundles/import/import-plan.js';
import { isDataException } from '#database/postgres-errors.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { DeleteEntityCommand } from '#revisions/commands/delete-entity/delete-entity.command.js';
import { PinVersionCommand } from '#revisions/commands/pin-version/pin-version.command.js';
import { PurgeEntityCommand } from '#revisions/commands/purge-entity/purge-entity.command.js';
import { RedactEntityCommand, type RedactionResult } from '#revisions/commands/redact-entity/redact-entity.command.js';
import { RestoreVersionCommand, type RestoreResult } from '#revisions/commands/restore-version/restore-version.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { UnpinVersionCommand } from '#revisions/commands/unpin-version/unpin-version.command.js';
import type { WriteResult } from '#revisions/commands/write-result.js';
import { PreconditionFailedError, RevisionError, VersionConflictError } from '#revisions/errors.js';

/**
 * `changed`: a version was appended (or the entity purged, pinned, unpinned); `merged`: a stale
 * If-Match whose edit did not collide, applied on top; `unchanged`: nothing to write; `dry_run`;
 * `conflict`: another writer kept winning (409); `precondition_failed`: a stale If-Match that
 * collides (412); `rejected`: any other refusal of the request (4xx); `failed`: an error (5xx).
 */
export type OperationOutcome = 'changed' | 'merged' | 'unchanged' | 'dry_run' | 'conflict' | 'precondition_failed' | 'rejected' | 'failed';

export interface Operation {
  operation: string;
  /** The entity kind, or `bundle` for an import (its entities are counted by kind in rewind_revisions_total). */
  kind: string;
  outcome(result: unknown): OperationOutcome;
}

const changed = (): OperationOutcome => 'changed';
const written = (result: { changed: boolean }): OperationOutcome => (result.changed ? 'changed' : 'unchanged');

/** The commands counted in rewind_operations_total, and how each one's result reads as an outcome. */
export function operationOf(command: object): Operation | undefined {
  if (command instanceof SaveEntityCommand) return { operation: 'save', kind: command.kind, outcome: (result) => ((result as WriteResult).merged ? 'merged' : written(result as WriteResult)) };
  if (command instanceof CreateEntityCommand) return { operation: 'create', kind: command.kind, outcome: changed };
  if (command instanceof DeleteEntityCommand) return { operation: 'delete', kind: command.kind, outcome: changed };
  if (command instanceof RestoreVersionCommand) return { operation: 'restore', kind: command.kind, outcome: (result) => (command.options.dryRun ? 'dry_run' : written(result as RestoreResult)) };
  if (command instanceof RedactEntityCommand) return { operation: 'redact', kind: command.kind, outcome: (result) => ((result as RedactionResult).redactedValues > 0 ? 'changed' : 'unchanged') };
  if (command instanceof PurgeEntityCommand) return { operation: 'purge', kind: command.kind, outcome: changed };
  if (command instanceof PinVersionCommand) return { operation: 'pin', kind: command.kind, outcome: changed };
  if (command instanceof UnpinVersionCommand) return { operation: 'unpin', kind: command.kind, outcome: changed };
  if (command instanceof ImportBundleCommand) {
    return { operation: 'import', kind: 'bundle', outcome: (result) => (command.options.dryRun ? 'dry_run' : (result as ImportResult).items.some((item) => item.action !== 'unchanged') ? 'changed' : 'unchanged') };
  }
  return undefined;
}

/** How a thrown error reads as an outcome: the client's doing (4xx) or the server's (5xx). */
export function failureOutcome(error: unknown): OperationOutcome {
  if (error instanceof VersionConflictError) return 'conflict';
  if (error instanceof PreconditionFailedError) return 'precondition_failed';
  if (error instanceof RevisionError || error instanceof BundleTooLargeError || isDataException(error)) return 'rejected';
  if (error instanceof HttpException && error.getStatus() < 500) return 'rejected';
  return 'failed';
}
