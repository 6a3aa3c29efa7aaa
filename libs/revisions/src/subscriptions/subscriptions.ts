import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { Subscription as RxSubscription } from 'rxjs';
import { Database } from '#database/database.js';
import { EventFeed } from '../event-feed/event-feed.js';
import { RevisionRecorded } from '../event-feed/revision-recorded.event.js';
import { SUBSCRIPTION_DEFAULTS, type Subscriber } from './subscriber.js';
import { SubscriptionRunner } from './subscription-runner.js';

/**
 * The named subscriptions of this process. Subscribers register while modules initialise; each
 * runs from application bootstrap until shutdown, on whichever replica holds it.
 */
@Injectable()
export class Subscriptions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Subscriptions');
  private readonly runners = new Map<string, SubscriptionRunner>();
  private started = false;
  private listening?: RxSubscription;

  constructor(
    private readonly db: Database,
    private readonly feed: EventFeed,
    private readonly bus: EventBus,
  ) {}

  register(subscriber: Subscriber): void {
    const settings = { ...SUBSCRIPTION_DEFAULTS, ...subscriber.subscription };
    if (this.runners.has(settings.name)) throw new Error(`subscription ${settings.name} is registered twice`);
    const runner = new SubscriptionRunner(subscriber, settings, this.db, this.feed, this.logger);
    this.runners.set(settings.name, runner);
    if (this.started) runner.start();
  }

  onApplicationBootstrap(): void {
    this.started = true;
    // A local commit is the cue to read at once; other replicas' writes arrive by polling.
    this.listening = this.bus.subscribe((event) => {
      if (event instanceof RevisionRecorded) for (const runner of this.runners.values()) runner.wake();
    });
    for (const runner of this.runners.values()) runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.listening?.unsubscribe();
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }
}
