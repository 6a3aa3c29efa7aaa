import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { Page } from '../page.js';
import type { VersionSummary } from './version-summary.js';

/** The history of one entity, newest first, each version with its change records. */
export class ListVersionsQuery extends Query<Page<VersionSummary>> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly actor: Actor,
    readonly limit?: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
