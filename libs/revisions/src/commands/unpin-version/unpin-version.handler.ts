import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { PinNotFoundError } from '#revisions/errors.js';
import { PinStore } from '#revisions/pins/pin-store.js';
import { EntityHeads } from '#revisions/streams/entity-heads.js';
import { VersionReader } from '#revisions/streams/version-reader.js';
import { UnpinVersionCommand } from './unpin-version.command.js';

@CommandHandler(UnpinVersionCommand)
export class UnpinVersionHandler implements ICommandHandler<UnpinVersionCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: EntityHeads,
    private readonly versions: VersionReader,
    private readonly pins: PinStore,
  ) {}

  async execute({ kind, id, versionId, context }: UnpinVersionCommand): Promise<void> {
    const definition = this.definitions.get(kind);
    const head = await this.heads.require(definition, id, context.actor, { includeDeleted: true });
    assertCanChange(context.actor, kind, head.document);
    const version = await this.versions.versionNumber(definition, head, versionId);
    if (!(await this.pins.unpin(kind, head.id, version))) throw new PinNotFoundError(kind, head.id, versionId);
  }
}
