import type { Actor, CommandContext } from '#revisions/actor.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import type { EntityStreams } from '#revisions/streams/entity-streams.js';
import type { PlannedEntity } from './import-plan.js';
import type { PlannedEvent } from './plan-history.js';

/**
 * Appends a stream's history again under its new id, version by version, through the engine's
 * append path: the same versions, actors, timestamps and messages; version ids and change records
 * are computed afresh. If the bundle's YAML differs from where the history ends, one `import`
 * version by the importer brings it there.
 */
export async function replayHistory(writer: EntityStreams, definition: EntityDefinition, entity: PlannedEntity, importer: CommandContext): Promise<void> {
  const [first, ...rest] = entity.history!;
  const contextOf = (event: PlannedEvent): CommandContext => {
    const actor: Actor = { id: event.actorId, org: importer.actor.org, roles: importer.actor.roles };
    return { actor, ...(event.message && { message: event.message }) };
  };
  let head = await writer.create(definition, entity.id, first.state!, entity.cached, contextOf(first), first.at);
  for (const event of rest) {
    const restoredFrom = event.restoredFromVersion ? { version: event.restoredFromVersion, versionId: versionIdOf(entity.id, event.restoredFromVersion) } : undefined;
    const type = event.type === 'Created' ? 'Updated' : event.type;
    head = await writer.append(definition, head, { type, changes: event.changes, at: event.at, restoredFrom }, contextOf(event));
  }
  if (entity.changes.length) await writer.append(definition, head, { type: 'Imported', changes: entity.changes }, importer);
}
