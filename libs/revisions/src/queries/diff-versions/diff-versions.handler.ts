import { diffEntity } from '#revisions/definition/entity-document.js';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCanReadHistory } from '#revisions/auth/access-policy.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { countWithinBytes } from '../byte-bounded-page.js';
import { decodeCursor, encodeCursor } from '../page.js';
import { DiffVersionsQuery, type VersionDiff } from './diff-versions.query.js';

@QueryHandler(DiffVersionsQuery)
export class DiffVersionsHandler implements IQueryHandler<DiffVersionsQuery> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
  ) {}

  async execute({ kind, id, fromVersionId, toVersionId, actor, cursor }: DiffVersionsQuery): Promise<VersionDiff> {
    assertCanReadHistory(actor);
    if (!fromVersionId) throw new ValidationFailedError(['from must name a versionId']);
    const [start] = decodeCursor<[number]>(cursor, ['number']) ?? [0];
    const definition = this.definitions.get(kind);
    const head = await this.streams.head(definition, id, actor, { includeDeleted: true });
    const fromVersion = await this.streams.versionNumber(definition, head, fromVersionId);
    const toVersion = toVersionId ? await this.streams.versionNumber(definition, head, toVersionId) : head.version;
    const [from, to] = await Promise.all([this.streams.stateAt(definition, head, fromVersion), this.streams.stateAt(definition, head, toVersion)]);
    const records = describeChanges(definition, diffEntity(definition, from.document, to.document), from.document, to.document);
    // The records are exact and deterministic, so a cursor is an index into them.
    const rest = records.slice(start);
    const shown = countWithinBytes(rest);
    return {
      from: { versionId: from.versionId, version: from.version },
      to: { versionId: to.versionId, version: to.version },
      changes: rest.slice(0, shown),
      nextCursor: start + shown < records.length ? encodeCursor([start + shown]) : null,
    };
  }
}
