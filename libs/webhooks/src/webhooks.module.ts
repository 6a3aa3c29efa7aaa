import { Module, type DynamicModule } from '@nestjs/common';
import { WebhookFanOut } from './webhook-fan-out.js';
import { DEFAULT_WEBHOOK_OPTIONS, WEBHOOK_OPTIONS, type WebhookOptions } from './webhook-options.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookStore } from './webhook-store.js';
import { Webhooks } from './webhooks.js';

/** Webhooks: the first subscriber of the feed. Needs the revision engine (RewindCoreModule). */
@Module({})
export class WebhooksModule {
  static forRoot(options: Partial<WebhookOptions> = {}): DynamicModule {
    const settings = { ...DEFAULT_WEBHOOK_OPTIONS, ...options };
    // Retries are found by polling: poll at least as often as the shortest retry delay.
    settings.pollMs = options.pollMs ?? Math.min(settings.pollMs, settings.retryBaseMs);
    return {
      module: WebhooksModule,
      providers: [{ provide: WEBHOOK_OPTIONS, useValue: settings }, WebhookStore, WebhookSender, WebhookFanOut, Webhooks],
      exports: [Webhooks],
    };
  }
}
