import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanRead } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { documentToApi } from '#revisions/definition/entity-document.js';
import { Database } from '#database/database.js';
import { toVersionSummary, VERSION_ITEM_SQL, type StoredVersionItem } from '../list-versions/version-item-sql.js';
import { EntityHeads } from '#revisions/streams/entity-heads.js';
import { VersionReader } from '#revisions/streams/version-reader.js';
import { GetVersionQuery } from './get-version.query.js';
import type { VersionView } from './version-view.js';

@QueryHandler(GetVersionQuery)
export class GetVersionHandler implements IQueryHandler<GetVersionQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: EntityHeads,
    private readonly versions: VersionReader,
    private readonly db: Database,
  ) {}

  async execute({ kind, id, versionId, actor }: GetVersionQuery): Promise<VersionView> {
    assertCanRead(actor);
    const definition = this.definitions.get(kind);
    const head = await this.heads.require(definition, id, actor, { includeDeleted: true });
    const version = await this.versions.versionNumber(definition, head, versionId);
    const { state } = await this.versions.read(definition, head, version);
    const [{ item }] = await this.db.query<{ item: StoredVersionItem }>({ name: 'rewind_version_item', text: VERSION_ITEM_SQL, values: [kind, head.id, version] });
    return { ...toVersionSummary(definition, item), state: { id: state.id, ...documentToApi(definition, state.document) } };
  }
}
