import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { documentToApi } from '#revisions/definition/entity-document.js';
import { Database } from '#database/database.js';
import { toVersionSummary, VERSION_ITEM_SQL, type StoredVersionItem } from '../list-versions/version-item-sql.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { GetVersionQuery } from './get-version.query.js';
import type { VersionView } from './version-view.js';

@QueryHandler(GetVersionQuery)
export class GetVersionHandler implements IQueryHandler<GetVersionQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly db: Database,
  ) {}

  async execute({ kind, id, versionId, actor }: GetVersionQuery): Promise<VersionView> {
    assertCanReadHistory(actor);
    const definition = this.definitions.get(kind);
    const head = await this.streams.head(definition, id, actor, { includeDeleted: true });
    const version = await this.streams.versionNumber(definition, head, versionId);
    const { state } = await this.streams.read(definition, head, version);
    const [{ item }] = await this.db.query<{ item: StoredVersionItem }>({ name: 'rewind_version_item', text: VERSION_ITEM_SQL, values: [kind, head.id, version] });
    return { ...toVersionSummary(definition, item), state: { id: state.id, ...documentToApi(definition, state.document) } };
  }
}
