import { VersionConflictError } from '../errors.js';
import { AppendConflict } from '../event-store/revision-store.js';
import { inTurn } from './stream-queue.js';

/** Attempts per command when another writer keeps winning the append race. */
export const MAX_APPEND_ATTEMPTS = 12;

/** Random backoff that grows with each lost race, so many writers of one entity spread out. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));

export interface RetryOptions<T> {
  kind: string;
  id: string;
  /**
   * Whether a lost race is tried again on a fresh read. Save and delete pass true even with
   * If-Match, since the next attempt merges or checks it against the new head; a restore pinned by
   * If-Match and a create pass false: the race is then the client's to resolve.
   */
  retry: boolean;
  /** The command id was already used: answer with what the first run produced. */
  onDuplicateCommand: () => Promise<T>;
  /** Whether this command already ran (its command id is on an event): checked once, before the first attempt. */
  ranBefore?: () => Promise<boolean>;
  /** Called before each attempt after a lost race (what operators count as retries). */
  onRetry?: () => void;
}

/**
 * Runs read → decide → append in the stream's turn, and again after a lost race (to another
 * replica), a bounded number of times.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions<T>): Promise<T> {
  if (await options.ranBefore?.()) return options.onDuplicateCommand();
  for (let n = 1; ; n++) {
    try {
      return await inTurn(`${options.kind}:${options.id.toLowerCase()}`, attempt);
    } catch (error) {
      if (!(error instanceof AppendConflict)) throw error;
      if (error.reason === 'command') return options.onDuplicateCommand();
      if (!options.retry || n >= MAX_APPEND_ATTEMPTS) throw new VersionConflictError(options.kind, options.id);
      options.onRetry?.();
      await backoff(n);
    }
  }
}
