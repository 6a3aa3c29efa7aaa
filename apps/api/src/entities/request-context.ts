import type { Request } from 'express';
import type { Actor, CommandContext } from '../../../../libs/revisions/src/actor.js';

/** Command context of an HTTP request: the verified actor, its Idempotency-Key as command id, its request id. */
export function commandContext(actor: Actor, request: Request & { commandId?: string }): CommandContext {
  return { actor, commandId: request.commandId, correlationId: request.headers['x-request-id'] as string | undefined };
}

/** `?limit=` as a number for the query handlers, which reject anything out of range. */
export function limitParam(limit: string | undefined): number | undefined {
  return limit === undefined ? undefined : Number(limit);
}
