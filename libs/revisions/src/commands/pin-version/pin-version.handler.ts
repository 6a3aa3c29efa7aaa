import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanChange } from '#revisions/auth/access-policy.js';
import { Clock } from '#revisions/clock.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { MAX_PIN_LABEL_LENGTH, type PinnedVersion } from '#revisions/pins/pin.js';
import { PinStore } from '#revisions/pins/pin-store.js';
import { unstorableValues } from '#revisions/validation/storable-json.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { PinVersionCommand } from './pin-version.command.js';

@CommandHandler(PinVersionCommand)
export class PinVersionHandler implements ICommandHandler<PinVersionCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly pins: PinStore,
    private readonly clock: Clock,
  ) {}

  async execute({ kind, id, versionId, label, context }: PinVersionCommand): Promise<PinnedVersion> {
    const definition = this.definitions.get(kind);
    // 1. The entity (deleted ones too: their history is readable) and who may change it.
    const head = await this.streams.head(definition, id, context.actor, { includeDeleted: true });
    assertCanChange(context.actor, kind, head.document);
    const text = pinLabel(label);
    // 2. Only a retained version can be pinned: 404 when unknown, 410 when already pruned.
    const version = await this.streams.versionNumber(definition, head, versionId);
    const pin = await this.pins.pin(kind, head.id, version, context.actor.org, { label: text, by: context.actor.id, at: this.clock.now().toISOString() });
    return { versionId: versionIdOf(head.id, version), version, pin };
  }
}

function pinLabel(label: unknown): string {
  if (typeof label !== 'string' || label.trim() === '') throw new ValidationFailedError(['label must be a non-blank string']);
  const text = label.trim();
  if ([...text].length > MAX_PIN_LABEL_LENGTH) throw new ValidationFailedError([`label must be at most ${MAX_PIN_LABEL_LENGTH} characters`]);
  if (unstorableValues(text).length) throw new ValidationFailedError(['label holds characters that cannot be stored (NUL or a lone surrogate)']);
  return text;
}
