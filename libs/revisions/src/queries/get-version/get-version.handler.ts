import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead } from '../../auth/access-policy.js';
import { EntityDefinitions } from '../../definition/entity-definitions.js';
import { documentToApi } from '../../definition/entity-document.js';
import { operationOf } from '../../event-store/revision-event.js';
import { EntityHeads } from '../../write/entity-heads.js';
import { VersionReader } from '../../write/version-reader.js';
import { GetVersionQuery } from './get-version.query.js';
import type { VersionView } from './version-view.js';

@QueryHandler(GetVersionQuery)
export class GetVersionHandler implements IQueryHandler<GetVersionQuery> {
  constructor(
    private readonly definitions: EntityDefinitions,
    private readonly heads: EntityHeads,
    private readonly versions: VersionReader,
  ) {}

  async execute({ kind, id, versionId, actor }: GetVersionQuery): Promise<VersionView> {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    const head = await this.heads.require(definition, id, actor, { includeDeleted: true });
    const version = await this.versions.versionNumber(definition, head, versionId);
    const { state, event } = await this.versions.read(definition, head, version);
    return {
      versionId: state.versionId,
      version: state.version,
      operation: operationOf[event.type],
      createdAt: state.updatedAt,
      actor: { id: state.updatedBy },
      state: { id: state.id, ...documentToApi(definition, state.document) },
    };
  }
}
