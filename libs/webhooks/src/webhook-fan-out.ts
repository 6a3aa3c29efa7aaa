import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FeedEvent } from '#revisions/event-feed/feed-event.js';
import type { Subscriber } from '#revisions/subscriptions/subscriber.js';
import { Subscriptions } from '#revisions/subscriptions/subscriptions.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookStore } from './webhook-store.js';

/**
 * The webhooks' subscription: turns each recorded revision into one delivery row per interested
 * webhook. Re-handling an event after a crash adds nothing (one row per webhook and position).
 */
@Injectable()
export class WebhookFanOut implements Subscriber, OnModuleInit {
  readonly subscription = { name: 'webhooks', startAt: 'now' as const };

  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly store: WebhookStore,
    private readonly sender: WebhookSender,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this);
  }

  async handle({ cursor: _, org, ...event }: FeedEvent): Promise<void> {
    const made = await this.store.fanOut(event.position, org, event.entityKind, event);
    if (made) this.sender.wake();
  }
}
