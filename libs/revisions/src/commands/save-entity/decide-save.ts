import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { diffEntity, emptyDocument } from '#revisions/definition/entity-document.js';
import type { JsonObject } from '#revisions/document/json.js';
import { PreconditionFailedError } from '#revisions/errors.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import type { Append } from '#revisions/streams/entity-streams.js';
import type { SaveMode } from './save-entity.command.js';
import { mergeStaleEdit, unitsChangedBy } from './stale-edit.js';

/** What a save knows before deciding: the head, the version the client edited, and the events it has not seen. */
export interface SaveGiven {
  head: EntityHead;
  /** The version named by If-Match; the head when none was given or it is current. */
  seen: EntityHead;
  /** The events after `seen` up to the head. */
  since: readonly RevisionEvent[];
}

/** The client's edit: its fields laid over what it saw (validated), and the cached fields it sent. */
export interface SaveEdit {
  edited: JsonObject;
  cached: JsonObject;
}

export type SaveDecision =
  | { append: Append; after: JsonObject; merged: boolean }
  /** Nothing versioned changed: no event; cached fields, if any changed, are stored as they are. */
  | { append: null; after: JsonObject; merged: false; cached: JsonObject };

/** What a PATCH edits (the state the client saw) or a PUT replaces (everything but owners and tags). */
export function editBase(definition: EntityDefinition, seen: JsonObject, mode: SaveMode): JsonObject {
  return mode === 'partial' ? seen : { ...emptyDocument(definition), owners: seen.owners, tags: seen.tags };
}

/**
 * Pure: lays the client's edit over the head. A stale edit (If-Match older than the head) is merged
 * when nobody else touched the same units since, else refused with 412 and the current state.
 */
export function decideSave(definition: EntityDefinition, { head, seen, since }: SaveGiven, { edited, cached }: SaveEdit): SaveDecision {
  let after = edited;
  const merged = seen.version !== head.version;
  if (merged) {
    const merge = mergeStaleEdit(definition, seen.document, edited, head.document, unitsChangedBy(definition, since));
    if (merge.conflicts.length) {
      throw new PreconditionFailedError(`changed since version ${seen.version}: ${merge.conflicts.join(', ')}`, merge.conflicts, toEntityView(definition, head));
    }
    after = merge.after;
  }
  const changes = diffEntity(definition, head.document, after);
  if (changes.length === 0) return { append: null, after, merged: false, cached };
  return { append: { type: 'Updated', changes, cached }, after, merged };
}
