import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';

/**
 * Removes a deleted entity and its whole history for good (admins only). One `revision_purges`
 * row (who, when, kind, id, label) is all that remains.
 */
export class PurgeEntityCommand extends Command<void> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
