import type { Actor } from '../actor.js';
import type { JsonObject } from '../document/json.js';
import { ForbiddenActionError } from '../errors.js';

/** Viewers read; editors create and change what they own; admins change anything in their org. */
export function assertCanRead(actor: Actor): void {
  if (actor.roles.length === 0) throw new ForbiddenActionError('no role grants access');
}

export function assertCanCreate(actor: Actor, kind: string): void {
  if (!actor.roles.includes('editor') && !actor.roles.includes('admin')) {
    throw new ForbiddenActionError(`creating a ${kind} needs the editor or admin role`);
  }
}

export function assertCanChange(actor: Actor, kind: string, document: JsonObject): void {
  if (actor.roles.includes('admin')) return;
  const owners = (document.owners ?? []) as string[];
  if (actor.roles.includes('editor') && owners.includes(actor.id)) return;
  throw new ForbiddenActionError(
    actor.roles.includes('editor') ? `only an owner or an admin may change this ${kind}` : `changing a ${kind} needs the editor or admin role`,
  );
}
