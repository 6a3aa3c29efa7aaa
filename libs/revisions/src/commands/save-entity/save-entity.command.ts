import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';
import type { WriteResult } from '../write-result.js';

/** `partial` changes only the given fields (PATCH); `full` replaces the whole versioned state (PUT). */
export type SaveMode = 'partial' | 'full';

export class SaveEntityCommand extends Command<WriteResult> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly input: unknown,
    readonly mode: SaveMode,
    readonly context: CommandContext,
    /** The version the client edited (If-Match); stale edits are merged or refused. */
    readonly expectedVersionId?: string,
  ) {
    super();
  }
}
