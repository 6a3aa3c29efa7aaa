import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead, assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { EntityNotFoundError } from '#revisions/errors.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { timestampParam } from '#revisions/validation/timestamp-param.js';
import { GetEntityQuery } from './get-entity.query.js';

@QueryHandler(GetEntityQuery)
export class GetEntityHandler implements IQueryHandler<GetEntityQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
  ) {}

  async execute({ kind, id, actor, options }: GetEntityQuery) {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    const at = timestampParam(options.at, 'at');
    if (at === undefined) return toEntityView(definition, await this.streams.head(definition, id, actor));

    // Time travel is history: one index probe for the version, then a fold from its nearest snapshot.
    assertCanReadHistory(actor);
    const head = await this.streams.head(definition, id, actor, { includeDeleted: true });
    const state = await this.streams.stateAt(definition, head, await this.streams.versionAt(definition, head, at));
    if (state.deletedAt) throw new EntityNotFoundError(kind, id, ` at ${at} (it was deleted then)`);
    return toEntityView(definition, state);
  }
}
