import type { CommandContext } from '#revisions/actor.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { RevisionPrunedError } from '#revisions/errors.js';
import type { RevisionEvent } from '#revisions/event-store/revision-event.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';

/** The version a command appended when it ran before, as it was then, with the event that made it. */
export interface EarlierAnswer {
  state: EntityHead;
  /** Undefined only when retention pruned that version: `state` is then the head. */
  event?: RevisionEvent;
}

/**
 * What a command that already ran answered: the version it appended, re-read (not the entity as it
 * is now), so a retry after a crash or an outage gets the first answer again. The event with the
 * command id is the record of that answer; it committed with the write, so it cannot be lost.
 * Cached fields (a chart's queryContext) are never versioned: they come as they are now.
 * Undefined when the command's event belongs to another stream than `expectedId`.
 */
export async function earlierAnswer(
  store: RevisionStore,
  streams: EntityStreams,
  definition: EntityDefinition,
  context: CommandContext,
  expectedId?: string,
): Promise<EarlierAnswer | undefined> {
  const earlier = context.commandId === undefined ? undefined : await store.findByCommandId(context.commandId);
  if (!earlier || (expectedId !== undefined && earlier.streamId !== expectedId.toLowerCase())) return undefined;
  const head = await streams.head(definition, earlier.streamId, context.actor, { includeDeleted: true });
  try {
    const { state, event } = await streams.read(definition, head, earlier.version);
    return { state: earlier.version === head.version ? head : { ...state, cached: head.cached }, event };
  } catch (error) {
    if (error instanceof RevisionPrunedError) return { state: head };
    throw error;
  }
}
