import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '#revisions/clock.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityNotDeletedError, ForbiddenActionError } from '#revisions/errors.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { StreamPurger } from '#revisions/trash/stream-purger.js';
import { PurgeEntityCommand } from './purge-entity.command.js';

@CommandHandler(PurgeEntityCommand)
export class PurgeEntityHandler implements ICommandHandler<PurgeEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly purger: StreamPurger,
    private readonly clock: Clock,
  ) {}

  async execute({ kind, id, context: { actor } }: PurgeEntityCommand): Promise<void> {
    const definition = this.definitions.get(kind);
    // 1. Only an admin, only an entity of the org, only one already in the trash.
    const head = await this.streams.head(definition, id, actor, { includeDeleted: true });
    if (!actor.roles.includes('admin')) throw new ForbiddenActionError(`purging a ${kind} needs the admin role`);
    if (!head.deletedAt) throw new EntityNotDeletedError(kind, head.id);

    // 2. Purge; a restore that won the race leaves it live, which is the same answer as step 1's.
    const label = head.document[definition.labelField];
    const record = { org: actor.org, label: typeof label === 'string' ? label : null, by: actor.id, at: this.clock.now().toISOString(), reason: 'admin' as const };
    if (!(await this.purger.purge(definition, head.id, record))) throw new EntityNotDeletedError(kind, head.id);
  }
}
