import type { CommandContext } from '#revisions/actor.js';
import type { NewRevisionEvent, RevisionEvent, RevisionEventData, RevisionMetadata } from '#revisions/event-store/revision-event.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { revisionMessage } from '#revisions/validation/revision-message.js';

/** The next event of a stream: its version id, time and metadata come from the command's context. */
export function newEvent(
  kind: string,
  id: string,
  version: number,
  data: RevisionEventData,
  context: CommandContext,
  recordedAt: string,
  { restoredFrom, warnings }: Pick<RevisionMetadata, 'restoredFrom' | 'warnings'> = {},
): NewRevisionEvent {
  const message = revisionMessage(context.message);
  return {
    ...data,
    streamKind: kind,
    streamId: id,
    version,
    versionId: versionIdOf(id, version),
    recordedAt,
    metadata: {
      actor: { id: context.actor.id },
      org: context.actor.org,
      ...(context.commandId && { commandId: context.commandId }),
      ...(context.commandId && context.requestHash && { requestHash: context.requestHash }),
      ...(context.correlationId && { correlationId: context.correlationId }),
      ...(restoredFrom && { restoredFrom }),
      ...(warnings?.length && { warnings }),
      ...(message && { message }),
    },
  } as NewRevisionEvent;
}

/** The event as folding sees it; the store assigns the position. */
export const unpositioned = (event: NewRevisionEvent): RevisionEvent => ({ ...event, position: '' }) as RevisionEvent;
