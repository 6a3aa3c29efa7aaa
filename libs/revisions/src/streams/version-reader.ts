import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { RevisionPrunedError, VersionNotFoundError } from '../errors.js';
import type { RevisionEvent } from '../event-store/revision-event.js';
import { RevisionStore } from '../event-store/revision-store.js';
import { versionIdOf } from '../event-store/version-id.js';
import type { EntityHead } from '../projections/entity-head.js';
import { foldStream } from '../projections/fold-stream.js';
import { isUuid } from './entity-heads.js';

/** Rebuilds the state of any retained version from the nearest snapshot and the events after it. */
@Injectable()
export class VersionReader {
  constructor(private readonly store: RevisionStore) {}

  /** Version number behind a version id of this entity: 404 when it never existed, 410 when pruned. */
  async versionNumber(definition: EntityDefinition, head: EntityHead, versionId: string): Promise<number> {
    const id = versionId.toLowerCase();
    const version = isUuid(id) ? await this.store.findVersionNumber(definition.kind, head.id, id) : undefined;
    if (version !== undefined) return version;
    if (isUuid(id) && (await this.wasPruned(head, id))) throw new RevisionPrunedError(definition.kind, head.id, versionId);
    throw new VersionNotFoundError(definition.kind, head.id, versionId);
  }

  async stateAt(definition: EntityDefinition, head: EntityHead, version: number): Promise<EntityHead> {
    return version === head.version ? head : (await this.read(definition, head, version)).state;
  }

  /** The state at `version` and the event that made it. */
  async read(definition: EntityDefinition, head: EntityHead, version: number): Promise<{ state: EntityHead; event: RevisionEvent }> {
    const snapshot = await this.store.findSnapshot(definition.kind, head.id, version);
    // Read from the snapshot's own event: it names the operation when the snapshot is the target.
    const events = await this.store.readStream(definition.kind, head.id, { fromVersion: snapshot?.version ?? 1, toVersion: version });
    const event = events[events.length - 1];
    const startsWithState = events[0]?.type === 'Created' || events[0]?.type === 'Baseline';
    if (!event || event.version !== version || (!snapshot && !startsWithState)) {
      throw new RevisionPrunedError(definition.kind, head.id, versionIdOf(head.id, version));
    }
    const state = snapshot ? foldStream(events.filter((e) => e.version > snapshot.version), snapshot)! : foldStream(events)!;
    return { state, event };
  }

  /**
   * Version ids are UUID v5 of (entity, version): an id of this entity that is not stored was pruned
   * (pins leave gaps, so any version up to the head may be one).
   */
  private async wasPruned(head: EntityHead, versionId: string): Promise<boolean> {
    for (let version = 1; version <= head.version; version++) if (versionIdOf(head.id, version) === versionId) return true;
    return false;
  }
}
