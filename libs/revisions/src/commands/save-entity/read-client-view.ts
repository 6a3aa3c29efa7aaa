import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { PreconditionFailedError, VersionNotFoundError } from '#revisions/errors.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import type { EntityStreams } from '#revisions/streams/entity-streams.js';
import { isUuid } from '#revisions/validation/is-uuid.js';
import type { SaveGiven } from './decide-save.js';

/** If-Match: the state the client edited and the events it has not seen (none when it is current). */
export async function readClientView(streams: EntityStreams, definition: EntityDefinition, head: EntityHead, versionId: string | undefined): Promise<SaveGiven> {
  if (versionId === undefined || versionId.toLowerCase() === head.versionId) return { head, seen: head, since: [] };
  const unknown = () => new PreconditionFailedError(`If-Match names no version of this ${definition.kind}`, [], toEntityView(definition, head));
  if (!isUuid(versionId)) throw unknown();
  try {
    const seen = await streams.stateAt(definition, head, await streams.versionNumber(definition, head, versionId));
    return { head, seen, since: await streams.eventsAfter(definition, head, seen.version) };
  } catch (error) {
    if (error instanceof VersionNotFoundError) throw unknown();
    throw error;
  }
}
