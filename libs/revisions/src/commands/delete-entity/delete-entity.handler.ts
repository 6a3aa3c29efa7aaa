import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityNotFoundError, PreconditionFailedError } from '#revisions/errors.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { EntityHeads } from '#revisions/streams/entity-heads.js';
import { retryOnConflict } from '#revisions/streams/retry-on-conflict.js';
import { RevisionWriter } from '#revisions/streams/revision-writer.js';
import { DeleteEntityCommand } from './delete-entity.command.js';

@CommandHandler(DeleteEntityCommand)
export class DeleteEntityHandler implements ICommandHandler<DeleteEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: EntityHeads,
    private readonly writer: RevisionWriter,
    private readonly store: RevisionStore,
  ) {}

  async execute({ kind, id, context, expectedVersionId }: DeleteEntityCommand): Promise<void> {
    const definition = this.definitions.get(kind);
    await retryOnConflict(
      async () => {
        const head = await this.heads.require(definition, id, context.actor, { includeDeleted: true, forWrite: true });
        assertCanChange(context.actor, kind, head.document);
        if (head.deletedAt) {
          // A repeated delete command finds its own work done; any other delete finds nothing.
          if (context.commandId && (await this.store.findByCommandId(context.commandId))) return;
          throw new EntityNotFoundError(kind, id);
        }
        // Deleting is never merged: any change since the client's version may be what it would lose.
        if (expectedVersionId !== undefined && expectedVersionId.toLowerCase() !== head.versionId) {
          throw new PreconditionFailedError(`${kind} changed since the version in If-Match`, ['*'], toEntityView(definition, head));
        }
        await this.writer.append(definition, head, { type: 'Deleted', changes: [] }, context);
      },
      { kind, id, retry: true, onDuplicateCommand: async () => undefined },
    );
  }
}
