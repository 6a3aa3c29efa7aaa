/**
 * `guest` reads current entities only (embedded dashboards); `integration` reads the event feed
 * only; viewers, editors and admins read entities and their history.
 */
export type Role = 'viewer' | 'editor' | 'admin' | 'guest' | 'integration';
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin', 'guest', 'integration'];

/** Who issues a command or query: a verified token's claims, or a system actor of another module. */
export interface Actor {
  id: string;
  org: string;
  roles: readonly Role[];
}

/** Per-request context carried into events' metadata. */
export interface CommandContext {
  actor: Actor;
  /** Makes a retried command append nothing twice. */
  commandId?: string;
  /** Fingerprint of the command's input: the same command id with another fingerprint is a 422. */
  requestHash?: string;
  correlationId?: string;
  /** Why the change was made (`Revision-Message`); stored in the event's metadata, at most 500 characters. */
  message?: string;
}
