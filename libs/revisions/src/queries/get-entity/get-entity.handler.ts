import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead } from '../../auth/access-policy.js';
import { EntityDefinitions } from '../../definition/entity-definitions.js';
import { toEntityView } from '../../projections/entity-view.js';
import { EntityHeads } from '../../write/entity-heads.js';
import { GetEntityQuery } from './get-entity.query.js';

@QueryHandler(GetEntityQuery)
export class GetEntityHandler implements IQueryHandler<GetEntityQuery> {
  constructor(
    private readonly definitions: EntityDefinitions,
    private readonly heads: EntityHeads,
  ) {}

  async execute({ kind, id, actor }: GetEntityQuery) {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    return toEntityView(definition, await this.heads.require(definition, id, actor));
  }
}
