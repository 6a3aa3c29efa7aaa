import type { Request } from 'express';
import type { Actor, CommandContext } from '#revisions/actor.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { revisionMessage } from '#revisions/validation/revision-message.js';

/** Command context of an HTTP request: the verified actor, its Idempotency-Key as command id, its request id. */
export function commandContext(actor: Actor, request: Request & { commandId?: string; requestHash?: string }): CommandContext {
  const message = revisionMessage(headerText(request.headers['revision-message']), 'Revision-Message');
  return { actor, commandId: request.commandId, requestHash: request.requestHash, correlationId: request.headers['x-request-id'] as string | undefined, ...(message && { message }) };
}

/**
 * Node reads header bytes as Latin-1; a client that sends UTF-8 (as curl does) means UTF-8, so the
 * bytes are decoded again when they form valid UTF-8.
 */
function headerText(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw new ValidationFailedError(['Revision-Message must be sent once']);
  if (value === undefined || !/[\u0080-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** `?limit=` as a number for the query handlers, which reject anything out of range. */
export function limitParam(limit: string | undefined): number | undefined {
  return limit === undefined ? undefined : Number(limit);
}
