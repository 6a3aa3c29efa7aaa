import type { Actor } from '../actor.js';
import type { JsonObject } from '../document/json.js';
import { ForbiddenActionError } from '../errors.js';

/** Viewers read; editors create and change what they own; admins change anything in their org. */
export function assertCanRead(actor: Actor): void {
  if (!actor.roles.some((role) => role === 'viewer' || role === 'editor' || role === 'admin')) throw new ForbiddenActionError('no role grants access');
}

/** The ordered feed of recorded revisions: admins and integrations. */
export function assertCanReadEvents(actor: Actor): void {
  if (!actor.roles.includes('admin') && !actor.roles.includes('integration')) throw new ForbiddenActionError('reading events needs the admin or integration role');
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
