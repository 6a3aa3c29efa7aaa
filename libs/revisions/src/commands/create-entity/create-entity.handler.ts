import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanCreate } from '#revisions/auth/access-policy.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { emptyDocument } from '#revisions/definition/entity-document.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { StreamReader } from '#revisions/event-store/stream-reader.js';
import { AppendConflict, RevisionStore } from '#revisions/event-store/revision-store.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import { UniqueFields } from '#revisions/references/unique-fields.js';
import { ReferenceChecker } from '#revisions/references/reference-checker.js';
import { isUuid } from '#revisions/validation/is-uuid.js';
import { resolveEntityInput } from '#revisions/validation/validate-entity-input.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { retryOnConflict } from '#revisions/streams/retry-on-conflict.js';
import { earlierAnswer } from '../earlier-answer.js';
import { CreateEntityCommand } from './create-entity.command.js';

@CommandHandler(CreateEntityCommand)
export class CreateEntityHandler implements ICommandHandler<CreateEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly references: ReferenceChecker,
    private readonly streams: EntityStreams,
    private readonly store: RevisionStore,
    private readonly reader: StreamReader,
    private readonly unique: UniqueFields,
  ) {}

  async execute({ kind, input, context, id }: CreateEntityCommand) {
    const definition = this.definitions.get(kind);
    // 1. Authorize, then validate everything before writing anything.
    assertCanCreate(context.actor, kind);
    if (id !== undefined && !isUuid(id)) throw new ValidationFailedError(['id must be a UUID']);
    const base = { ...emptyDocument(definition), owners: [context.actor.id] };
    const { document, cached } = await resolveEntityInput(definition, base, input);
    await this.references.assertLive(definition, context.actor.org, undefined, document);
    const entityId = id?.toLowerCase() ?? randomUUID();
    await this.unique.assertFree(definition, context.actor.org, entityId, undefined, document);

    // 2. Append version 1 with its projection row.
    const head = await retryOnConflict(async () => {
      // Keys are per org (docs/decisions.md): an id of the caller's choosing is refused when any org holds it.
      if (id !== undefined && (await this.reader.streamExists(kind, entityId))) throw new AppendConflict('stream');
      return this.streams.create(definition, entityId, document, cached, context);
    }, {
      kind,
      id: entityId,
      retry: false,
      ranBefore: () => this.store.commandRan(context),
      onDuplicateCommand: async () => (await earlierAnswer(this.store, this.streams, definition, context))!.state,
    });
    return toEntityView(definition, head);
  }
}
