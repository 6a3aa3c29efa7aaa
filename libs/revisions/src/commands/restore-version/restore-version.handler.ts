import { applyChanges } from '#revisions/document/apply-changes.js';
import { UniqueFields } from '#revisions/references/unique-fields.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import { earlierAnswer } from '../earlier-answer.js';
import { retryWrite } from '../retry-write.js';
import { decideRestore } from './decide-restore.js';
import { restoreScope } from './restore-scope.js';
import { RestoreVersionCommand, type RestoreResult } from './restore-version.command.js';
import type { RestoreWarning } from './restore-warning.js';
import { RestoreWorldReader } from './restore-world.js';

@CommandHandler(RestoreVersionCommand)
export class RestoreVersionHandler implements ICommandHandler<RestoreVersionCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly world: RestoreWorldReader,
    private readonly unique: UniqueFields,
    private readonly store: RevisionStore,
  ) {}

  async execute(command: RestoreVersionCommand): Promise<RestoreResult> {
    const { expectedVersionId, dryRun } = command.options;
    const definition = this.definitions.get(command.kind);
    // Pinned by If-Match, a lost race is the client's to resolve: a restore is never merged.
    const retry = { retry: expectedVersionId === undefined, dryRun };
    return retryWrite(this.store, this.streams, command, () => this.attempt(definition, command), () => this.earlierResult(definition, command), retry);
  }

  /** The first run's answer: the version it appended and the warnings it gave (kept in its event). */
  private async earlierResult(definition: EntityDefinition, { id, context }: RestoreVersionCommand): Promise<RestoreResult> {
    const earlier = await earlierAnswer(this.store, this.streams, definition, context, id);
    if (!earlier?.event) return unchanged(definition, earlier?.state ?? (await this.streams.head(definition, id, context.actor)));
    return { entity: toEntityView(definition, earlier.state), changed: false, changes: [], warnings: (earlier.event.metadata.warnings ?? []) as RestoreWarning[] };
  }

  private async attempt(definition: EntityDefinition, { id, versionId, context, options }: RestoreVersionCommand): Promise<RestoreResult> {
    // 1. Read the head (deleted ones too: restoring un-deletes) and the target version.
    const head = await this.streams.head(definition, id, context.actor, { includeDeleted: true, forWrite: true });
    assertCanChange(context.actor, definition.kind, head.document);
    const target = await this.streams.stateAt(definition, head, await this.streams.versionNumber(definition, head, versionId));

    // 2. Read what the target meets today: entities deleted since, children still in use.
    const world = await this.world.read(definition, context.actor.org, head, restoreScope(definition, head.document, target.document));

    // 3. Decide.
    const { append, records, warnings } = decideRestore(definition, { head, target, world }, options);
    if (!append) return { entity: toEntityView(definition, head), changed: false, changes: records, warnings };

    // 4. Append the restore, unless it brings back a slug (or other unique value) taken meanwhile.
    await this.unique.assertFree(definition, context.actor.org, head.id, head.deletedAt ? undefined : head.document, applyChanges(head.document, append.changes));
    const next = await this.streams.append(definition, head, append, context);
    return { entity: toEntityView(definition, next), changed: true, changes: records, warnings };
  }
}

function unchanged(definition: EntityDefinition, head: EntityHead): RestoreResult {
  return { entity: toEntityView(definition, head), changed: false, changes: [], warnings: [] };
}
