import type { Logger } from '@nestjs/common';
import type { Database, ReservedSession } from '#database/database.js';
import type { EventFeed } from '../event-feed/event-feed.js';
import { FEED_START, type FeedEvent } from '../event-feed/feed-event.js';
import { PollPause } from './poll-pause.js';
import type { Subscriber, SubscriptionSettings } from './subscriber.js';
import { subscriptionStore as store, type SubscriptionState } from './subscription-store.js';

/**
 * Runs one subscription on this replica whenever this replica holds it. The holder keeps a
 * session-level advisory lock on a connection of its own; when the holder dies its connection
 * closes, PostgreSQL drops the lock, and the next replica to try takes the subscription over from
 * the saved checkpoint.
 */
export class SubscriptionRunner {
  private readonly pauses = new PollPause();
  private loop?: Promise<void>;

  constructor(
    private readonly subscriber: Subscriber,
    private readonly settings: SubscriptionSettings,
    private readonly db: Database,
    private readonly feed: EventFeed,
    private readonly logger: Logger,
  ) {}

  get name(): string {
    return this.settings.name;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.pauses.stop();
    await this.loop;
  }

  /** New events may be readable: look now instead of at the next poll. */
  wake(): void {
    this.pauses.wake();
  }

  private async run(): Promise<void> {
    let session: ReservedSession | undefined;
    while (!this.pauses.isStopped) {
      try {
        session ??= await this.db.reserve();
        if (await store.tryLock(session, this.name)) await this.consume(session);
      } catch (error) {
        if (!this.pauses.isStopped) this.logger.warn(`subscription ${this.name} paused: ${(error as Error).message}`);
        session?.release(); // closing the connection releases the lock
        session = undefined;
      }
      if (!this.pauses.isStopped) await this.pauses.sleep(this.settings.lockRetryMs, false);
    }
    session?.release();
  }

  private async consume(session: ReservedSession): Promise<void> {
    let state = await store.open(session, this.name, () => (this.settings.startAt === 'now' ? this.feed.head(session) : Promise.resolve(FEED_START)));
    while (!this.pauses.isStopped) {
      const wait = state.retryAt === null ? 0 : state.retryAt - Date.now();
      if (wait > 0) {
        await this.pauses.sleep(wait, false);
        continue;
      }
      const events = await this.feed.read(state.cursor, this.settings.batchSize, undefined, session);
      if (events.length) state = await this.deliver(session, state, events);
      else await this.pauses.sleep(this.settings.pollMs);
    }
  }

  /** Hands a batch over in order; saves the checkpoint once, or where an event failed. */
  private async deliver(session: ReservedSession, state: SubscriptionState, events: FeedEvent[]): Promise<SubscriptionState> {
    let cursor = state.cursor;
    for (const event of events) {
      if (this.pauses.isStopped) break;
      try {
        await this.subscriber.handle(event);
      } catch (error) {
        const message = (error as Error)?.message ?? String(error);
        const attempts = (state.failingPosition === event.position ? state.attempts : 0) + 1;
        if (attempts >= this.settings.maxAttempts) {
          this.logger.error(`subscription ${this.name} parked event ${event.position} after ${attempts} tries: ${message}`);
          await store.park(session, this.name, event, attempts, message);
          cursor = event.cursor;
          state = { cursor, failingPosition: null, attempts: 0, retryAt: null };
          continue;
        }
        const retryAt = Date.now() + Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** (attempts - 1));
        await store.fail(session, this.name, cursor, event, attempts, retryAt, message);
        return { cursor, failingPosition: event.position, attempts, retryAt };
      }
      cursor = event.cursor;
    }
    await store.save(session, this.name, cursor);
    return { cursor, failingPosition: null, attempts: 0, retryAt: null };
  }
}
