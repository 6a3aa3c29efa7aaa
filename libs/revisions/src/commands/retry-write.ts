import type { CommandContext } from '#revisions/actor.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { retryOnConflict } from '#revisions/streams/retry-on-conflict.js';

/** What the retry set-up needs of a write to an existing entity's stream. */
export interface StreamWrite {
  kind: string;
  id: string;
  context: CommandContext;
}

export interface WriteRetry {
  /** Whether a lost race is tried again on a fresh read (see `RetryOptions.retry`); true unless said. */
  retry?: boolean;
  /** A dry run appends nothing, so it is never answered as a repeat. */
  dryRun?: boolean;
}

/**
 * Runs one attempt of save, restore or delete in the stream's turn: a command that already ran
 * gets its first answer, and a lost race is retried (when allowed) and counted for operators.
 */
export function retryWrite<T>(
  store: RevisionStore,
  streams: EntityStreams,
  command: StreamWrite,
  /** Read → decide → append, once. */
  attempt: () => Promise<T>,
  /** The command id is already on an event: answer with what the first run produced. */
  onDuplicateCommand: () => Promise<T>,
  options: WriteRetry = {},
): Promise<T> {
  return retryOnConflict(attempt, {
    kind: command.kind,
    id: command.id,
    retry: options.retry ?? true,
    onDuplicateCommand,
    ranBefore: () => (options.dryRun ? Promise.resolve(false) : store.commandRan(command.context)),
    onRetry: () => streams.countRetry(command.kind),
  });
}
