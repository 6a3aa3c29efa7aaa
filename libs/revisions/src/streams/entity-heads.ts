import { Injectable } from '@nestjs/common';
import type { Actor } from '../actor.js';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { EntityNotFoundError } from '../errors.js';
import { RevisionStore } from '../event-store/revision-store.js';
import type { EntityHead } from '../projections/entity-head.js';
import { HeadCache } from './head-cache.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface HeadOptions {
  includeDeleted?: boolean;
  /** A write may decide on the cached head: its append checks the version. Reads always query. */
  forWrite?: boolean;
}

/** Loads a head the actor's org may see; anything else is a 404 that says nothing more. */
@Injectable()
export class EntityHeads {
  private readonly cache = new HeadCache();

  constructor(private readonly store: RevisionStore) {}

  async require(definition: EntityDefinition, id: string, actor: Actor, options: HeadOptions = {}): Promise<EntityHead> {
    const head = isUuid(id) ? await this.load(definition, id.toLowerCase(), actor.org, options.forWrite ?? false) : undefined;
    if (!head) throw new EntityNotFoundError(definition.kind, id);
    if (head.deletedAt && !options.includeDeleted) {
      throw new EntityNotFoundError(definition.kind, id, ' (deleted; its history is still readable)');
    }
    return head;
  }

  /** The head a write just produced. */
  remember(head: EntityHead): void {
    this.cache.set(head);
  }

  /** After a lost race or anything that changed heads behind this process's back. */
  forget(kind?: string, id?: string): void {
    if (kind && id) this.cache.delete(kind, id);
    else this.cache.clear();
  }

  private async load(definition: EntityDefinition, id: string, org: string, forWrite: boolean): Promise<EntityHead | undefined> {
    const cached = forWrite ? this.cache.get(definition.kind, id) : undefined;
    if (cached) return cached.orgId === org ? cached : undefined;
    const head = await this.store.loadHead(definition, id, org);
    if (head && forWrite) this.cache.set(head);
    return head;
  }
}
