import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';
import type { EntityView } from '#revisions/projections/entity-head.js';

/** Creates an entity from API-shaped input; `id` lets importers keep their own ids. */
export class CreateEntityCommand extends Command<EntityView> {
  constructor(
    readonly kind: string,
    readonly input: unknown,
    readonly context: CommandContext,
    readonly id?: string,
  ) {
    super();
  }
}
