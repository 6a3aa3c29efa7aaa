import { Injectable } from '@nestjs/common';
import type { Actor } from '../actor.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { EntityNotFoundError } from '../errors.js';
import { RevisionStore } from '../event-store/revision-store.js';
import type { EntityHead } from '../projections/entity-head.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Loads a head the actor's org may see; anything else is a 404 that says nothing more. */
@Injectable()
export class EntityHeads {
  constructor(private readonly store: RevisionStore) {}

  async require(definition: EntityDefinition, id: string, actor: Actor, options: { includeDeleted?: boolean } = {}): Promise<EntityHead> {
    const head = isUuid(id) ? await this.store.loadHead(definition, id.toLowerCase(), actor.org) : undefined;
    if (!head) throw new EntityNotFoundError(definition.kind, id);
    if (head.deletedAt && !options.includeDeleted) {
      throw new EntityNotFoundError(definition.kind, id, ' (deleted; its history is still readable)');
    }
    return head;
  }
}
