import { diffEntity } from '#revisions/definition/entity-document.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { PreconditionFailedError } from '#revisions/errors.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { EntityHeads } from '#revisions/streams/entity-heads.js';
import { retryOnConflict } from '#revisions/streams/retry-on-conflict.js';
import { RevisionWriter } from '#revisions/streams/revision-writer.js';
import { VersionReader } from '#revisions/streams/version-reader.js';
import { RestoreReconciler } from './restore-reconciler.js';
import { restoreScope } from './restore-scope.js';
import { RestoreVersionCommand, type RestoreResult } from './restore-version.command.js';

@CommandHandler(RestoreVersionCommand)
export class RestoreVersionHandler implements ICommandHandler<RestoreVersionCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: EntityHeads,
    private readonly versions: VersionReader,
    private readonly reconciler: RestoreReconciler,
    private readonly writer: RevisionWriter,
  ) {}

  async execute(command: RestoreVersionCommand): Promise<RestoreResult> {
    const definition = this.definitions.get(command.kind);
    const { actor } = command.context;
    return retryOnConflict(() => this.attempt(definition, command), {
      kind: command.kind,
      id: command.id,
      retry: command.options.expectedVersionId === undefined,
      onDuplicateCommand: async () => unchanged(definition, await this.heads.require(definition, command.id, actor)),
    });
  }

  private async attempt(definition: EntityDefinition, { id, versionId, context, options }: RestoreVersionCommand): Promise<RestoreResult> {
    // 1. Read the head (deleted ones too: restoring un-deletes) and the target version.
    const head = await this.heads.require(definition, id, context.actor, { includeDeleted: true, forWrite: true });
    assertCanChange(context.actor, definition.kind, head.document);
    if (options.expectedVersionId !== undefined && options.expectedVersionId !== head.versionId) {
      throw new PreconditionFailedError(`${definition.kind} changed since the version in If-Match`, ['*'], toEntityView(definition, head));
    }
    const target = await this.versions.stateAt(definition, head, await this.versions.versionNumber(definition, head, versionId));

    // 2. Decide: the target's restorable state, minus references to what no longer exists.
    const { document: restored, warnings } = await this.reconciler.reconcile(definition, context.actor.org, head, restoreScope(definition, head.document, target.document));
    const changes = diffEntity(definition, head.document, restored);
    const records = describeChanges(definition, changes, head.document, restored);
    if (options.dryRun || (changes.length === 0 && !head.deletedAt)) {
      return { entity: toEntityView(definition, head), changed: false, changes: records, warnings };
    }

    // 3. Append the restore.
    const next = await this.writer.append(definition, head, { type: 'Restored', changes, restoredFrom: { version: target.version, versionId: target.versionId } }, context);
    return { entity: toEntityView(definition, next), changed: true, changes: records, warnings };
  }
}

function unchanged(definition: EntityDefinition, head: EntityHead): RestoreResult {
  return { entity: toEntityView(definition, head), changed: false, changes: [], warnings: [] };
}
