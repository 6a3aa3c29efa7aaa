import type { FeedEvent } from '../event-feed/feed-event.js';

/** How one named subscription consumes the feed; every field but the name has a default. */
export interface SubscriptionOptions {
  /** Unique and stable: the checkpoint is kept under it. */
  name: string;
  /** A new subscription starts with the oldest stored event, or after the newest one. */
  startAt?: 'beginning' | 'now';
  batchSize?: number;
  /** Tries of one event before it is parked and the subscription moves on. */
  maxAttempts?: number;
  /** First retry delay; doubled on each further failure, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often to look for new events when no local write says there are some. */
  pollMs?: number;
  /** How often a replica that does not hold the subscription checks whether its holder died. */
  lockRetryMs?: number;
}

export type SubscriptionSettings = Required<SubscriptionOptions>;

export const SUBSCRIPTION_DEFAULTS: Omit<SubscriptionSettings, 'name'> = {
  startAt: 'beginning',
  batchSize: 200,
  maxAttempts: 5,
  retryBaseMs: 500,
  retryMaxMs: 60_000,
  pollMs: 500,
  lockRetryMs: 1_000,
};

/**
 * A consumer of recorded revisions, called at least once per event in feed order: an event is
 * handled again after a crash before its checkpoint was saved, so handlers must be idempotent
 * (the event's `position` is a natural dedupe key). A throw is retried with backoff.
 */
export interface Subscriber {
  readonly subscription: SubscriptionOptions;
  handle(event: FeedEvent): Promise<void>;
}
