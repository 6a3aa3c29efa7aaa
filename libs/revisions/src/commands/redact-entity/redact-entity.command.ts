import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#revisions/actor.js';

export interface RedactionResult {
  /** How many string values of the stream's events held the match. */
  redactedValues: number;
  /** The `Redacted` version appended, or the unchanged head when nothing matched. */
  version: number;
  versionId: string;
}

/**
 * Replaces every string value containing `match` by "[redacted]" in an entity's events, change
 * records, snapshots, projection and stored answers (admins only), and appends a `Redacted` event
 * saying who, why and how many values, never the value.
 */
export class RedactEntityCommand extends Command<RedactionResult> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly input: { match?: unknown; reason?: unknown },
    readonly context: CommandContext,
  ) {
    super();
  }
}
