import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { emptyDocument, diffEntity } from '#revisions/definition/entity-document.js';
import { sameJson, type JsonObject } from '#revisions/document/json.js';
import { RevisionStore } from '#revisions/event-store/revision-store.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { ReferenceChecker } from '#revisions/references/reference-checker.js';
import { resolveEntityInput } from '#revisions/validation/validate-entity-input.js';
import { EntityHeads } from '#revisions/streams/entity-heads.js';
import { IfMatchResolver } from './if-match-resolver.js';
import { retryOnConflict } from '#revisions/streams/retry-on-conflict.js';
import { RevisionWriter } from '#revisions/streams/revision-writer.js';
import type { WriteResult } from '../write-result.js';
import { SaveEntityCommand } from './save-entity.command.js';

@CommandHandler(SaveEntityCommand)
export class SaveEntityHandler implements ICommandHandler<SaveEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly heads: EntityHeads,
    private readonly ifMatch: IfMatchResolver,
    private readonly references: ReferenceChecker,
    private readonly writer: RevisionWriter,
    private readonly store: RevisionStore,
  ) {}

  async execute(command: SaveEntityCommand): Promise<WriteResult> {
    const definition = this.definitions.get(command.kind);
    return retryOnConflict(() => this.attempt(definition, command), {
      kind: command.kind,
      id: command.id,
      retry: true,
      onDuplicateCommand: async () => unchanged(definition, await this.heads.require(definition, command.id, command.context.actor)),
    });
  }

  private async attempt(definition: EntityDefinition, { id, input, mode, context, expectedVersionId }: SaveEntityCommand): Promise<WriteResult> {
    // 1. Read the head and the version the client edited.
    const head = await this.heads.require(definition, id, context.actor, { forWrite: true });
    assertCanChange(context.actor, definition.kind, head.document);
    const seen = await this.ifMatch.resolve(definition, head, expectedVersionId);

    // 2. Decide: validate the edit against what the client saw, then lay it over the head.
    const base = mode === 'partial' ? seen.document : { ...emptyDocument(definition), owners: seen.document.owners, tags: seen.document.tags };
    const { document: edited, cached } = await resolveEntityInput(definition, base, input);
    const { after, merged } = await this.ifMatch.merge(definition, head, seen, edited);
    await this.references.assertLive(definition, context.actor.org, head.document, after);
    const changes = diffEntity(definition, head.document, after);

    // 3. Append, unless nothing versioned changed.
    if (changes.length === 0) return this.saveCacheOnly(definition, head, cached, context.actor.org);
    const next = await this.writer.append(definition, head, { type: 'Updated', changes, cached }, context);
    return { entity: toEntityView(definition, next), changed: true, merged, warnings: [] };
  }

  private async saveCacheOnly(definition: EntityDefinition, head: EntityHead, cached: JsonObject, org: string): Promise<WriteResult> {
    const next = { ...head, cached: { ...head.cached, ...cached } };
    if (Object.keys(cached).some((name) => !sameJson(cached[name], head.cached[name]))) {
      await this.store.updateCached(definition, head.id, org, cached);
      this.heads.remember(next);
    }
    return unchanged(definition, next);
  }
}

function unchanged(definition: EntityDefinition, head: EntityHead): WriteResult {
  return { entity: toEntityView(definition, head), changed: false, merged: false, warnings: [] };
}
