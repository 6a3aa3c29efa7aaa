import type { Actor, Role } from '../actor.js';
import type { JsonObject } from '../document/json.js';
import { ForbiddenActionError } from '../errors.js';

const HISTORY_READERS: readonly Role[] = ['viewer', 'editor', 'admin'];
const ENTITY_READERS: readonly Role[] = [...HISTORY_READERS, 'guest'];

/**
 * Viewers read entities and history; guests read current entities only; editors create and change
 * what they own; admins change anything in their org. `integration` reads only the event feed.
 */
export function assertCanRead(actor: Actor): void {
  if (!actor.roles.some((role) => ENTITY_READERS.includes(role))) throw new ForbiddenActionError('reading entities needs the viewer, editor, admin or guest role');
}

/** Versions, diffs, past states, the change feed and the trash. */
export function assertCanReadHistory(actor: Actor): void {
  if (!actor.roles.some((role) => HISTORY_READERS.includes(role))) throw new ForbiddenActionError('reading history needs the viewer, editor or admin role');
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
