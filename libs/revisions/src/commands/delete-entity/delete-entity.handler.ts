import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { retryWrite } from '../retry-write.js';
import { decideDelete } from './decide-delete.js';
import { DeleteEntityCommand } from './delete-entity.command.js';

@CommandHandler(DeleteEntityCommand)
export class DeleteEntityHandler implements ICommandHandler<DeleteEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly store: RevisionStore,
  ) {}

  async execute(command: DeleteEntityCommand): Promise<void> {
    const { kind, id, context, expectedVersionId } = command;
    const definition = this.definitions.get(kind);
    await retryWrite(
      this.store,
      this.streams,
      command,
      async () => {
        // 1. Read the head (deleted ones too) and, if it is deleted, whether this command did it.
        const head = await this.streams.head(definition, id, context.actor, { includeDeleted: true, forWrite: true });
        assertCanChange(context.actor, kind, head.document);
        const ranBefore = head.deletedAt !== null && context.commandId !== undefined && (await this.store.findByCommandId(context.commandId)) !== undefined;

        // 2. Decide, 3. append.
        const { append } = decideDelete(definition, { head, ranBefore }, expectedVersionId);
        if (append) await this.streams.append(definition, head, append, context);
      },
      async () => undefined,
    );
  }
}
