import { Query } from '@nestjs/cqrs';

/** A stream that does not fold into the current shape, and where it failed. */
export interface StreamFailure {
  kind: string;
  id: string;
  /** The event that could not be read or applied, or the head when the folded state is wrong. */
  version: number;
  reason: string;
}

export interface VerifyResult {
  streams: number;
  events: number;
  failures: StreamFailure[];
  durationMs: number;
}

/**
 * Folds every stream under the current definitions, upcasters included, and reports each one that
 * fails: an event of an unknown kind or schema version, an upcaster or fold that throws, or a head
 * whose fields are not the definition's. The check an operator runs before a deploy.
 */
export class VerifyStreamsQuery extends Query<VerifyResult> {
  constructor(
    readonly onProgress?: (doneEvents: number, totalEvents: number) => void,
    readonly batchSize = 5000,
  ) {
    super();
  }
}
