import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { EntityView } from '#revisions/projections/entity-head.js';

export class GetEntityQuery extends Query<EntityView> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly actor: Actor,
    /** Time travel: the state as of this ISO 8601 instant instead of the current one. */
    readonly options: { at?: unknown } = {},
  ) {
    super();
  }
}
