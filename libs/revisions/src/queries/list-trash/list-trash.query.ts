import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';
import type { Page } from '../page.js';

export interface TrashItem {
  entityKind: string;
  id: string;
  /** The entity's title, name or table name, as its definition says. */
  label: string | null;
  deletedAt: string;
  deletedBy: string;
  /** The delete version: restoring any earlier one un-deletes. */
  version: number;
}

/** Deleted entities of the caller's org, newest deletion first. */
export class ListTrashQuery extends Query<Page<TrashItem>> {
  constructor(
    readonly actor: Actor,
    readonly filter: { entityKind?: unknown },
    readonly limit?: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
