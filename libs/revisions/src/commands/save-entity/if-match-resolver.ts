import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { JsonObject } from '#revisions/document/json.js';
import { PreconditionFailedError, VersionNotFoundError } from '#revisions/errors.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { isUuid } from '#revisions/streams/entity-heads.js';
import { mergeStaleEdit, unitsChangedBy } from './stale-edit.js';
import { VersionReader } from '#revisions/streams/version-reader.js';

/** If-Match: the version a client edited, and the merge of its edit onto the head. */
@Injectable()
export class IfMatchResolver {
  constructor(
    private readonly versions: VersionReader,
    private readonly store: RevisionStore,
  ) {}

  /** The state the client saw: the head when it is current or no version was given. */
  async resolve(definition: EntityDefinition, head: EntityHead, versionId: string | undefined): Promise<EntityHead> {
    if (versionId === undefined || versionId.toLowerCase() === head.versionId) return head;
    const unknown = () => new PreconditionFailedError(`If-Match names no version of this ${definition.kind}`, [], toEntityView(definition, head));
    if (!isUuid(versionId)) throw unknown();
    try {
      return await this.versions.stateAt(definition, head, await this.versions.versionNumber(definition, head, versionId));
    } catch (error) {
      if (error instanceof VersionNotFoundError) throw unknown();
      throw error;
    }
  }

  /** Lays a stale edit over the head; overlapping units → 412 with the current state. */
  async merge(definition: EntityDefinition, head: EntityHead, seen: EntityHead, edited: JsonObject): Promise<{ after: JsonObject; merged: boolean }> {
    if (seen.version === head.version) return { after: edited, merged: false };
    const since = await this.store.readStream(definition.kind, head.id, { fromVersion: seen.version + 1, toVersion: head.version });
    const { conflicts, after } = mergeStaleEdit(definition, seen.document, edited, head.document, unitsChangedBy(definition, since));
    if (conflicts.length) {
      throw new PreconditionFailedError(`changed since version ${seen.version}: ${conflicts.join(', ')}`, conflicts, toEntityView(definition, head));
    }
    return { after, merged: true };
  }
}
