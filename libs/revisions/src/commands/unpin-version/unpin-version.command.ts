import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';

/** Removes a version's pin; retention may then prune it like any other. */
export class UnpinVersionCommand extends Command<void> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly versionId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
