import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { Page } from '../page.js';
import type { VersionSummary } from './version-summary.js';

/** Raw query parameters (validated by the handler, so the command bus gets the same 400s). */
export interface VersionsFilter {
  /** ISO 8601: only versions recorded before this instant. */
  before?: unknown;
  /** Only versions this user id wrote. */
  actor?: unknown;
  /** Only versions with a change record of this kind (`time_range`, `filter`, …). */
  kind?: unknown;
  /** Only versions with a change record under this dot-separated path (`params.time_range`). */
  path?: unknown;
}

/** The history of one entity, newest first, each version with its change records. */
export class ListVersionsQuery extends Query<Page<VersionSummary>> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly actor: Actor,
    readonly limit?: number,
    readonly cursor?: string,
    readonly filter: VersionsFilter = {},
  ) {
    super();
  }
}
