import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PollPause } from '#revisions/subscriptions/poll-pause.js';
import { SIGNATURE_HEADER, signDelivery } from './webhook-signature.js';
import { WEBHOOK_OPTIONS, retryDelayMs, type WebhookOptions } from './webhook-options.js';
import { WebhookStore } from './webhook-store.js';
import type { DueDelivery } from './webhook.js';

/**
 * Sends due deliveries, signed, and records each try. Every replica sends; a lease on each claimed
 * row keeps two replicas off the same delivery, and a sender that dies mid-request leaves a lease
 * that runs out, so the delivery goes again (at least once: receivers dedupe by event position).
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly pauses = new PollPause();
  private loop?: Promise<void>;
  private logPrunedAt = 0;

  constructor(
    private readonly store: WebhookStore,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.pauses.stop();
    await this.loop;
  }

  wake(): void {
    this.pauses.wake();
  }

  private async run(): Promise<void> {
    while (!this.pauses.isStopped) {
      try {
        if (Date.now() - this.logPrunedAt > 3_600_000) {
          this.logPrunedAt = Date.now();
          await this.store.pruneLog(this.options.logDays);
        }
        const due = await this.store.claimDue(this.options.concurrency, this.options.timeoutMs + 5_000);
        await Promise.all(due.map((delivery) => this.send(delivery)));
        if (due.length === this.options.concurrency) continue; // more may be due
      } catch (error) {
        if (!this.pauses.isStopped) this.logger.warn(`webhook sender paused: ${(error as Error).message}`);
      }
      await this.pauses.sleep(this.options.pollMs);
    }
  }

  private async send(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    let statusCode: number | null = null;
    let error: string;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rewind-Webhooks/1',
          [SIGNATURE_HEADER]: signDelivery(delivery.secret, body),
          'rewind-event-position': delivery.position,
          'rewind-delivery': delivery.id,
        },
        body,
        redirect: 'manual', // a redirect is not a delivery, and must not lead the request elsewhere
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel();
      statusCode = response.status;
      if (response.ok) return await this.store.delivered(delivery.id, response.status);
      error = `HTTP ${response.status}`;
    } catch (cause) {
      error = (cause as Error).cause ? `${(cause as Error).message}: ${((cause as Error).cause as Error).message}` : (cause as Error).message;
    }
    const retryAt = delivery.attempts < this.options.maxAttempts ? new Date(Date.now() + retryDelayMs(this.options, delivery.attempts)) : null;
    await this.store.failed(delivery.id, statusCode, error, retryAt);
  }
}
