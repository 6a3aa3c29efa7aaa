import { applyChanges } from '../document/apply-changes.js';
import type { JsonObject } from '../document/json.js';
import type { RevisionEvent } from '../event-store/revision-event.js';
import type { EntityHead } from './entity-head.js';

/**
 * The head after one more event. Pure: the projection writer and rebuilds agree with it.
 * `applied`: the previous document with the event's changes already applied, when the caller has it.
 */
export function evolve(head: EntityHead | undefined, event: RevisionEvent, applied?: JsonObject): EntityHead {
  const base = {
    kind: event.streamKind,
    id: event.streamId,
    version: event.version,
    versionId: event.versionId,
    updatedAt: event.recordedAt,
    updatedBy: event.metadata.actor.id,
  };
  switch (event.type) {
    case 'Created':
      return { ...base, orgId: event.metadata.org, createdAt: event.recordedAt, createdBy: event.metadata.actor.id, deletedAt: null, document: event.data.state, cached: {} };
    case 'Baseline':
      // A baseline stands in for a pruned prefix, so it carries the head as it was, audit included.
      return {
        ...base,
        orgId: event.metadata.org,
        createdAt: event.data.createdAt,
        createdBy: event.data.createdBy,
        deletedAt: event.data.deletedAt,
        document: event.data.state,
        cached: {},
      };
    case 'Updated':
    case 'Imported':
      return { ...requireHead(head, event), ...base, document: applied ?? applyChanges(requireHead(head, event).document, event.data.changes) };
    case 'Restored':
      return { ...requireHead(head, event), ...base, deletedAt: null, document: applied ?? applyChanges(requireHead(head, event).document, event.data.changes) };
    case 'Redacted': // the state was rewritten in place; the event only records that it was
      return { ...requireHead(head, event), ...base };
    case 'Deleted':
      return { ...requireHead(head, event), ...base, deletedAt: event.recordedAt };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function requireHead(head: EntityHead | undefined, event: RevisionEvent): EntityHead {
  if (!head) throw new Error(`${event.type} at version ${event.version} of ${event.streamId} has no prior state`);
  return head;
}

export function foldStream(events: readonly RevisionEvent[], from?: EntityHead): EntityHead | undefined {
  return events.reduce<EntityHead | undefined>((head, event) => evolve(head, event), from);
}
