import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';
import type { PinnedVersion } from '#revisions/pins/pin.js';

/** Labels a retained version so retention never prunes it; pinning it again relabels it. */
export class PinVersionCommand extends Command<PinnedVersion> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly versionId: string,
    readonly label: unknown,
    readonly context: CommandContext,
  ) {
    super();
  }
}
