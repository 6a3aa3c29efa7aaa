import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { RevisionPrunedError, VersionNotFoundError } from '../errors.js';
import type { RevisionEvent } from '../event-store/revision-event.js';
import { RevisionStore } from '../event-store/revision-store.js';
import type { EntityHead } from '../projections/entity-head.js';
import { foldStream } from '../projections/fold-stream.js';
import { isUuid } from './entity-heads.js';

/** Rebuilds the state of any retained version by folding its stream. */
@Injectable()
export class VersionReader {
  constructor(private readonly store: RevisionStore) {}

  /** Version number behind a version id of this entity; 404 when unknown. */
  async versionNumber(definition: EntityDefinition, head: EntityHead, versionId: string): Promise<number> {
    const version = isUuid(versionId) ? await this.store.findVersionNumber(definition.kind, head.id, versionId.toLowerCase()) : undefined;
    if (version === undefined) throw new VersionNotFoundError(definition.kind, head.id, versionId);
    return version;
  }

  async stateAt(definition: EntityDefinition, head: EntityHead, version: number): Promise<EntityHead> {
    return version === head.version ? head : (await this.read(definition, head, version)).state;
  }

  /** The state at `version` and the event that made it. */
  async read(definition: EntityDefinition, head: EntityHead, version: number): Promise<{ state: EntityHead; event: RevisionEvent }> {
    const events = await this.store.readStream(definition.kind, head.id, { toVersion: version });
    const state = foldStream(events);
    if (!state || state.version !== version) throw new RevisionPrunedError(definition.kind, head.id, String(version));
    return { state, event: events[events.length - 1] };
  }
}
