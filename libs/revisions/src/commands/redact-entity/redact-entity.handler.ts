import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '#revisions/clock.js';
import { DefinitionRegistry } from '#revisions/definition/definition-registry.js';
import { ForbiddenActionError, ValidationFailedError } from '#revisions/errors.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import { StreamRedactor } from '#revisions/redaction/stream-redactor.js';
import { EntityStreams } from '#revisions/streams/entity-streams.js';
import { unstorableValues } from '#revisions/validation/storable-json.js';
import { RedactEntityCommand, type RedactionResult } from './redact-entity.command.js';

const MIN_MATCH = 4;
const MAX_TEXT = 1000;

@CommandHandler(RedactEntityCommand)
export class RedactEntityHandler implements ICommandHandler<RedactEntityCommand> {
  constructor(
    private readonly definitions: DefinitionRegistry,
    private readonly streams: EntityStreams,
    private readonly redactor: StreamRedactor,
    private readonly clock: Clock,
  ) {}

  async execute({ kind, id, input, context: { actor } }: RedactEntityCommand): Promise<RedactionResult> {
    const definition = this.definitions.get(kind);
    // 1. An entity of the org (deleted ones too), an admin, and a match that cannot hit everything.
    const head = await this.streams.head(definition, id, actor, { includeDeleted: true });
    if (!actor.roles.includes('admin')) throw new ForbiddenActionError(`redacting a ${kind} needs the admin role`);
    const { match, reason } = validate(input);

    // 2. Rewrite every stored copy and record the redaction as a version of its own.
    const { values, version } = await this.redactor.redact(definition, head.id, { match, reason, actor, at: this.clock.now().toISOString() });
    const current = values === 0 ? head.version : version;
    return { redactedValues: values, version: current, versionId: versionIdOf(head.id, current) };
  }
}

function validate({ match, reason }: { match?: unknown; reason?: unknown }): { match: string; reason: string } {
  const problems: string[] = [];
  if (typeof match !== 'string' || [...match].length < MIN_MATCH || [...match].length > MAX_TEXT) problems.push(`match must be a string of ${MIN_MATCH} to ${MAX_TEXT} characters`);
  else if (unstorableValues(match).length) problems.push('match holds characters that cannot be stored (NUL or a lone surrogate)');
  if (typeof reason !== 'string' || reason.trim() === '' || [...reason].length > MAX_TEXT) problems.push(`reason must be a non-blank string of at most ${MAX_TEXT} characters`);
  else if (unstorableValues(reason).length) problems.push('reason holds characters that cannot be stored (NUL or a lone surrogate)');
  else if (typeof match === 'string' && reason.includes(match)) problems.push('reason must not contain the redacted value');
  if (problems.length) throw new ValidationFailedError(problems);
  return { match: match as string, reason: (reason as string).trim() };
}
