import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../actor.js';
import type { EntityView } from '../../projections/entity-head.js';

export class GetEntityQuery extends Query<EntityView> {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
