import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { EntityView } from '#revisions/projections/entity-head.js';
import type { Page } from '../page.js';

/** Raw filters, checked by the handler: `owner` and `tag` (exact), `published`, `q` (label search). */
export interface EntityListParams {
  owner?: unknown;
  tag?: unknown;
  published?: unknown;
  q?: unknown;
}

/** Live entities of the caller's org, newest first. */
export class ListEntitiesQuery extends Query<Page<EntityView>> {
  constructor(
    readonly kind: string,
    readonly actor: Actor,
    readonly limit?: number,
    readonly cursor?: string,
    readonly filter: EntityListParams = {},
  ) {
    super();
  }
}
