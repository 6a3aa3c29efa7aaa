export interface WebhookOptions {
  /** Tries of one delivery before it is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubled on each further failure (with up to 20 % jitter), up to an hour. */
  retryBaseMs: number;
  /** Per request. */
  timeoutMs: number;
  /** Deliveries sent at once by this replica. */
  concurrency: number;
  /** How often to look for due deliveries when nothing local says there are some. */
  pollMs: number;
  /** Delivered and failed deliveries stay in the log this long. */
  logDays: number;
}

export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { maxAttempts: 8, retryBaseMs: 1_000, timeoutMs: 10_000, concurrency: 8, pollMs: 1_000, logDays: 30 };

export const MAX_RETRY_DELAY_MS = 3_600_000;

export function retryDelayMs(options: WebhookOptions, attempts: number): number {
  const delay = Math.min(MAX_RETRY_DELAY_MS, options.retryBaseMs * 2 ** (attempts - 1));
  return Math.round(delay * (1 + Math.random() * 0.2));
}
