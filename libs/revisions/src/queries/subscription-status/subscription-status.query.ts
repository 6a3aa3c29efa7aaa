import { Query } from '@nestjs/cqrs';
import type { Actor } from '#revisions/actor.js';

export interface ParkedEvent {
  position: number;
  entityKind: string;
  entityId: string;
  version: number;
  attempts: number;
  lastError: string;
  parkedAt: string;
}

export interface SubscriptionStatus {
  name: string;
  /** Position of the last event handled (0 before the first). */
  position: number;
  updatedAt: string;
  /** The event being retried, if any (its error shows once parked, to its own org only). */
  retrying: { position: number; attempts: number; retryAt: string | null } | null;
  /** Events of the caller's org this subscription gave up on, newest first (at most 100). */
  parked: ParkedEvent[];
}

/** Admins see every subscription's progress and their org's parked events. */
export class SubscriptionStatusQuery extends Query<{ items: SubscriptionStatus[] }> {
  constructor(readonly actor: Actor) {
    super();
  }
}
