import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus, type AsyncContext } from '@nestjs/cqrs';
import { failureOutcome, operationOf } from './operation-outcome.js';
import { RewindMetrics } from './rewind-metrics.js';

/**
 * Counts every write command the API runs by kind, operation and outcome, whoever sent it (a
 * controller, a bundle import, a subscriber), at the command bus: the HTTP adapter plays no part,
 * and a command replayed from an idempotency key, which runs nothing, counts nothing.
 */
@Injectable()
export class CommandMetrics implements OnModuleInit {
  constructor(
    private readonly bus: CommandBus,
    private readonly metrics: RewindMetrics,
  ) {}

  onModuleInit(): void {
    const execute = this.bus.execute.bind(this.bus);
    const counter = this.metrics.operations;
    this.bus.execute = ((command: object, context?: AsyncContext) => {
      const operation = operationOf(command);
      if (!operation) return execute(command as never, context);
      const { kind } = operation;
      return execute(command as never, context).then(
        (result) => {
          counter.inc({ kind, operation: operation.operation, outcome: operation.outcome(result) });
          return result;
        },
        (error: unknown) => {
          counter.inc({ kind, operation: operation.operation, outcome: failureOutcome(error) });
          throw error;
        },
      );
    }) as CommandBus['execute'];
  }
}
