import { Injectable } from '@nestjs/common';
import { Database } from '#database/database.js';
import { isUniqueViolation } from '#database/postgres-errors.js';
import type { Actor } from '#revisions/actor.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { VersionConflictError } from '#revisions/errors.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { ident } from '#revisions/event-store/sql-fragments.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import type { NewRevisionEvent } from '#revisions/event-store/revision-event.js';
import { RevisionPublisher } from '#revisions/event-feed/revision-publisher.js';
import * as sql from './redaction-sql.js';

/**
 * Rewrites one stream's stored values in one transaction. The head row is locked first and the
 * `Redacted` event takes the next version, so a concurrent save either commits before (and is
 * rewritten too) or loses on the unique version key and re-reads the redacted head.
 */
@Injectable()
export class StreamRedactor {
  private readonly projection = new Map<string, string[]>();

  constructor(
    private readonly db: Database,
    private readonly streams: EntityStreams,
    private readonly publisher: RevisionPublisher,
  ) {}

  async redact(definition: EntityDefinition, id: string, request: { match: string; reason: string; actor: Actor; at: string }): Promise<{ values: number; version: number }> {
    const { match, reason, actor, at } = request;
    try {
      return await this.db.transaction(async (tx) => {
        const [head] = await tx.query<{ version: number }>(`select version from ${ident(definition.table)} where id = $1 and org_id = $2 for update`, [id, actor.org]);
        const [{ values }] = await tx.query<{ values: number }>(sql.COUNT_IN_EVENTS, [definition.kind, id, match, actor.org]);
        if (!head || values === 0) return { values: 0, version: head?.version ?? 0 };
        await tx.query(sql.REDACT_HISTORY, [definition.kind, id, match, actor.org]);
        for (const statement of sql.REDACT_COPIES) await tx.query(statement, [definition.kind, id, match, actor.org]);
        await tx.query(sql.REDACT_ANSWERS, [actor.org, id, match]);
        for (const statement of this.projectionSql(definition)) await tx.query(statement, [id, match]);
        const version = head.version + 1;
        const versionId = versionIdOf(id, version);
        const event: NewRevisionEvent = {
          type: 'Redacted',
          data: { reason, values },
          streamKind: definition.kind,
          streamId: id,
          version,
          versionId,
          metadata: { actor: { id: actor.id }, org: actor.org, message: `Redacted ${values} value${values === 1 ? '' : 's'}: ${reason}`.slice(0, 500) },
          recordedAt: at,
        };
        const [{ position }] = await tx.query<{ position: string }>(sql.APPEND_REDACTED, [
          definition.kind, id, version, versionId, JSON.stringify(event.data), JSON.stringify(event.metadata), at, definition.schemaVersion,
        ]);
        this.publisher.recorded(tx, event, position, []); // subscribers hear of it like any other version
        await tx.query(sql.bumpHeadSql(definition), [id, version, versionId, at, actor.id]);
        return { values, version };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new VersionConflictError(definition.kind, id);
      throw error;
    } finally {
      this.streams.forgetHead(definition.kind, id); // cached heads hold the old values
    }
  }

  private projectionSql(definition: EntityDefinition): string[] {
    if (!this.projection.has(definition.kind)) this.projection.set(definition.kind, sql.redactProjectionSql(definition));
    return this.projection.get(definition.kind)!;
  }
}
