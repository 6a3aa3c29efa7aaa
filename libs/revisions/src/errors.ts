import type { JsonObject } from './document/json.js';

/** Typed failures of the engine; the HTTP edge maps each to one status code. */
export abstract class RevisionError extends Error {
  override readonly name = this.constructor.name;
}

/** Missing, another org's, or (for writes) deleted. Never says which, to leak nothing. */
export class EntityNotFoundError extends RevisionError {
  constructor(kind: string, id: string, detail = '') {
    super(`${kind} ${id} not found${detail}`);
  }
}

export class VersionNotFoundError extends RevisionError {
  constructor(kind: string, id: string, versionId: string) {
    super(`version ${versionId} of ${kind} ${id} not found`);
  }
}

/** A field that is unique among the org's live entities (a dashboard's slug) already has this value. */
export class UniqueValueTakenError extends RevisionError {
  constructor(kind: string, field: string, value?: unknown) {
    super(value === undefined ? `another live ${kind} of this organization already has this ${field}` : `another live ${kind} of this organization already has ${field} ${JSON.stringify(value)}`);
  }
}

/** A purge of an entity that is not in the trash: delete it first. */
export class EntityNotDeletedError extends RevisionError {
  constructor(kind: string, id: string) {
    super(`${kind} ${id} is not deleted; only deleted entities can be purged`);
  }
}

/** DELETE of a pin on a version that has none. */
export class PinNotFoundError extends RevisionError {
  constructor(kind: string, id: string, versionId: string) {
    super(`version ${versionId} of ${kind} ${id} is not pinned`);
  }
}

/** The version existed but retention removed it. */
export class RevisionPrunedError extends RevisionError {
  constructor(kind: string, id: string, versionId: string, message = `version ${versionId} of ${kind} ${id} was pruned by retention`) {
    super(message);
  }
}

export class ForbiddenActionError extends RevisionError {}

export class ValidationFailedError extends RevisionError {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Another writer appended the expected version first and retries ran out. */
export class VersionConflictError extends RevisionError {
  constructor(kind: string, id: string) {
    super(`${kind} ${id} was changed concurrently; retry the request`);
  }
}

/** If-Match named an older version and this request touches what changed since. */
export class PreconditionFailedError extends RevisionError {
  constructor(
    message: string,
    readonly conflicts: string[],
    readonly current?: JsonObject,
  ) {
    super(message);
  }
}

/** The same Idempotency-Key was used with a different request. */
export class IdempotencyKeyReusedError extends RevisionError {}
