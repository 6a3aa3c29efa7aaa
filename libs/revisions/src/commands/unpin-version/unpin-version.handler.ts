import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { PinNotFoundError } from '#revisions/errors.js';
import { PinStore } from '#revisions/pins/pin-store.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { UnpinVersionCommand } from './unpin-version.command.js';

@CommandHandler(UnpinVersionCommand)
export class UnpinVersionHandler implements ICommandHandler<UnpinVersionCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly pins: PinStore,
  ) {}

  async execute({ kind, id, versionId, context }: UnpinVersionCommand): Promise<void> {
    const definition = this.definitions.get(kind);
    const head = await this.streams.head(definition, id, context.actor, { includeDeleted: true });
    assertCanChange(context.actor, kind, head.document);
    const version = await this.streams.versionNumber(definition, head, versionId);
    if (!(await this.pins.unpin(kind, head.id, version))) throw new PinNotFoundError(kind, head.id, versionId);
  }
}
