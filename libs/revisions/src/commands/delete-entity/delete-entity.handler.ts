import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '../../auth/access-policy.js';
import { EntityDefinitions } from '../../definition/entity-definitions.js';
import { PreconditionFailedError } from '../../errors.js';
import { toEntityView } from '../../projections/entity-view.js';
import { EntityHeads } from '../../write/entity-heads.js';
import { retryOnConflict } from '../../write/retry-on-conflict.js';
import { RevisionWriter } from '../../write/revision-writer.js';
import { DeleteEntityCommand } from './delete-entity.command.js';

@CommandHandler(DeleteEntityCommand)
export class DeleteEntityHandler implements ICommandHandler<DeleteEntityCommand> {
  constructor(
    private readonly definitions: EntityDefinitions,
    private readonly heads: EntityHeads,
    private readonly writer: RevisionWriter,
  ) {}

  async execute({ kind, id, context, expectedVersionId }: DeleteEntityCommand): Promise<void> {
    const definition = this.definitions.get(kind);
    await retryOnConflict(
      async () => {
        const head = await this.heads.require(definition, id, context.actor);
        assertCanChange(context.actor, kind, head.document);
        // Deleting is never merged: any change since the client's version may be what it would lose.
        if (expectedVersionId !== undefined && expectedVersionId.toLowerCase() !== head.versionId) {
          throw new PreconditionFailedError(`${kind} changed since the version in If-Match`, ['*'], toEntityView(definition, head));
        }
        await this.writer.append(definition, head, { type: 'Deleted', changes: [] }, context);
      },
      // A repeated delete command finds the entity already gone: that is its first result.
      { kind, id, retry: true, onDuplicateCommand: async () => undefined },
    );
  }
}
