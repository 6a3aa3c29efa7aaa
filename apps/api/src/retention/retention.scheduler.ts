import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { RetentionRunner } from './retention.runner.js';

export const RETENTION_SCHEDULE = Symbol('RETENTION_SCHEDULE');

export interface RetentionSchedule {
  cron: string;
  /** REVISION_RETENTION_ENABLED: whether this replica runs the cron. */
  enabled: boolean;
}

/** Thin: on each tick it dispatches a prune; failures are logged and the next tick starts clean. */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('retention');

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: RetentionRunner,
    @Inject(RETENTION_SCHEDULE) private readonly schedule: RetentionSchedule,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.schedule.enabled) return this.logger.log({ msg: 'retention cron disabled on this replica' });
    const job = CronJob.from({ cronTime: this.schedule.cron, onTick: () => this.tick(), start: true, waitForCompletion: true });
    this.registry.addCronJob('retention', job);
  }

  async tick(): Promise<void> {
    try {
      await this.runner.run();
    } catch (error) {
      this.logger.error({ msg: 'retention run failed', error: (error as Error).stack ?? String(error) });
    }
  }
}
