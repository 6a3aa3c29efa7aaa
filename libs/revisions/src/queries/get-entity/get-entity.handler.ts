import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { GetEntityQuery } from './get-entity.query.js';

@QueryHandler(GetEntityQuery)
export class GetEntityHandler implements IQueryHandler<GetEntityQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
  ) {}

  async execute({ kind, id, actor }: GetEntityQuery) {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    return toEntityView(definition, await this.streams.head(definition, id, actor));
  }
}
