import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '../definition/entity-definition.js';
import type { JsonObject } from '../document/json.js';
import { PreconditionFailedError, VersionNotFoundError } from '../errors.js';
import { RevisionStore } from '../event-store/revision-store.js';
import type { EntityHead } from '../projections/entity-head.js';
import { toEntityView } from '../projections/entity-view.js';
import { isUuid } from './entity-heads.js';
import { mergeStaleEdit, unitsChangedBy } from './stale-edit.js';
import { VersionReader } from './version-reader.js';

/** If-Match: the version a client edited, and the merge of its edit onto the head. */
@Injectable()
export class ExpectedVersion {
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
