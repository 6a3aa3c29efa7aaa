import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';

/** Soft delete: an event; the history stays readable and a restore brings the entity back. */
export class DeleteEntityCommand extends Command<void> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly context: CommandContext,
    readonly expectedVersionId?: string,
  ) {
    super();
  }
}
