import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { EntityNotFoundError, PreconditionFailedError } from '#revisions/errors.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import type { Append } from '#revisions/streams/entity-streams.js';

export interface DeleteGiven {
  head: EntityHead;
  /** This command (same command id) already appended, so a deleted head is its own work. */
  ranBefore: boolean;
}

/** Pure: delete the live head, or nothing when this command already did; never merged. */
export function decideDelete(definition: EntityDefinition, { head, ranBefore }: DeleteGiven, expectedVersionId?: string): { append: Append | null } {
  if (head.deletedAt) {
    // A repeated delete command finds its own work done; any other delete finds nothing.
    if (ranBefore) return { append: null };
    throw new EntityNotFoundError(definition.kind, head.id);
  }
  // Deleting is never merged: any change since the client's version may be what it would lose.
  if (expectedVersionId !== undefined && expectedVersionId.toLowerCase() !== head.versionId) {
    throw new PreconditionFailedError(`${definition.kind} changed since the version in If-Match`, ['*'], toEntityView(definition, head));
  }
  return { append: { type: 'Deleted', changes: [] } };
}
