import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { UniqueFields } from '#revisions/references/unique-fields.js';
import { keptReferences } from '#revisions/references/kept-references.js';
import { ReferenceChecker } from '#revisions/references/reference-checker.js';
import { ReferencesGone, RevisionStore } from '#revisions/event-store/revision-store.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { resolveEntityInput } from '#revisions/validation/validate-entity-input.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { earlierAnswer } from '../earlier-answer.js';
import { retryWrite } from '../retry-write.js';
import type { WriteResult } from '../write-result.js';
import { decideSave, editBase } from './decide-save.js';
import { readClientView } from './read-client-view.js';
import { SaveEntityCommand } from './save-entity.command.js';

@CommandHandler(SaveEntityCommand)
export class SaveEntityHandler implements ICommandHandler<SaveEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly references: ReferenceChecker,
    private readonly unique: UniqueFields,
    private readonly store: RevisionStore,
  ) {}

  async execute(command: SaveEntityCommand): Promise<WriteResult> {
    const definition = this.definitions.get(command.kind);
    return retryWrite(this.store, this.streams, command, () => this.attempt(definition, command), () => this.earlierResult(definition, command));
  }

  /** The first run's answer (the version it appended, merged if its If-Match was older than the one before), appending nothing now. */
  private async earlierResult(definition: EntityDefinition, { id, context, expectedVersionId }: SaveEntityCommand): Promise<WriteResult> {
    const earlier = await earlierAnswer(this.store, this.streams, definition, context, id);
    if (!earlier?.event) return unchanged(definition, earlier?.state ?? (await this.streams.head(definition, id, context.actor)));
    const merged = expectedVersionId !== undefined && expectedVersionId.toLowerCase() !== versionIdOf(earlier.state.id, earlier.state.version - 1);
    return { entity: toEntityView(definition, earlier.state), changed: false, merged, warnings: [] };
  }

  /** `findPurged`: look up references to purged entities first; only after the append found one gone. */
  private async attempt(definition: EntityDefinition, command: SaveEntityCommand, findPurged = false): Promise<WriteResult> {
    const { id, input, mode, context, expectedVersionId } = command;
    // 1. Read the head, the version the client edited and the events it has not seen.
    const head = await this.streams.head(definition, id, context.actor, { forWrite: true });
    assertCanChange(context.actor, definition.kind, head.document);
    const given = await readClientView(this.streams, definition, head, expectedVersionId);

    // 2. Validate the edit against what the client saw; references to purged entities fall away.
    const resolved = await resolveEntityInput(definition, editBase(definition, given.seen.document, mode), input);
    const edited = findPurged ? await this.references.dropPurged(definition, context.actor.org, head.document, resolved.document) : resolved.document;
    const cached = resolved.cached;

    // 3. Decide: merge onto the head, refuse colliding stale edits, or change nothing.
    const decision = decideSave(definition, given, { edited, cached });
    if (!decision.append) return unchanged(definition, await this.streams.saveCached(definition, head, decision.cached));

    // 4. Check the references it adds, then append; the append checks the ones it keeps (one round trip).
    await this.references.assertLive(definition, context.actor.org, head.document, decision.after);
    await this.unique.assertFree(definition, context.actor.org, head.id, head.document, decision.after);
    let next: EntityHead;
    try {
      // Once purged references were looked up, the append trusts that look-up (an id purged and
      // created again must not fail the check for ever).
      const kept = findPurged ? {} : keptReferences(definition, head.document, decision.after);
      next = await this.streams.append(definition, head, { ...decision.append, kept }, context);
    } catch (error) {
      if (error instanceof ReferencesGone && !findPurged) return this.attempt(definition, command, true);
      throw error;
    }
    return { entity: toEntityView(definition, next), changed: true, merged: decision.merged, warnings: [] };
  }
}

function unchanged(definition: EntityDefinition, head: EntityHead): WriteResult {
  return { entity: toEntityView(definition, head), changed: false, merged: false, warnings: [] };
}
