import type { ChangeRecord } from '#revisions/change-log/change-record.js';
import { describeChanges } from '#revisions/change-log/describe-changes.js';
import type { EntityDefinition, ReferenceSpec } from '#revisions/definition/entity-definition.js';
import { diffEntity } from '#revisions/definition/entity-document.js';
import type { JsonObject } from '#revisions/document/json.js';
import { PreconditionFailedError } from '#revisions/errors.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { toEntityView } from '#revisions/projections/entity-view.js';
import type { ChildUsageFound } from '#revisions/references/child-usage-finder.js';
import type { Append } from '#revisions/streams/entity-streams.js';
import { restoreScope } from './restore-scope.js';
import type { RestoreWarning } from './restore-warning.js';

/** What a past version meets today. */
export interface RestoreWorld {
  /** Per reference field, the ids it names that are no longer live entities. */
  dead: { reference: ReferenceSpec; ids: string[] }[];
  /** Live entities still naming children the restore removes. */
  usages: ChildUsageFound[];
}

/** The document without its references to dead entities, where the reference knows how to drop them. */
export function withoutDead(document: JsonObject, dead: RestoreWorld['dead']): JsonObject {
  return dead.reduce((current, { reference, ids }) => (reference.drop ? reference.drop(current, new Set(ids)) : current), document);
}

export interface RestoreGiven {
  head: EntityHead;
  /** The state of the version to bring back. */
  target: EntityHead;
  /** What that version meets today: references to entities gone since, children still in use. */
  world: RestoreWorld;
}

export interface RestoreOptions {
  expectedVersionId?: string;
  dryRun?: boolean;
}

export interface RestoreDecision {
  append: Append | null;
  /** What the restore changes (or, on a dry run, would change). */
  records: ChangeRecord[];
  warnings: RestoreWarning[];
}

/**
 * Pure: the target's restorable state over the head, minus references to what no longer exists,
 * with a warning for each thing it could not bring back as it was. Restoring a deleted entity
 * un-deletes it, even when its state is unchanged.
 */
export function decideRestore(definition: EntityDefinition, { head, target, world }: RestoreGiven, options: RestoreOptions = {}): RestoreDecision {
  if (options.expectedVersionId !== undefined && options.expectedVersionId.toLowerCase() !== head.versionId) {
    throw new PreconditionFailedError(`${definition.kind} changed since the version in If-Match`, ['*'], toEntityView(definition, head));
  }
  const restored = withoutDead(restoreScope(definition, head.document, target.document), world.dead);
  const warnings = [...world.dead.map(deadWarning), ...world.usages.map(usageWarning)];
  const changes = diffEntity(definition, head.document, restored);
  const records = describeChanges(definition, changes, head.document, restored);
  if (options.dryRun || (changes.length === 0 && !head.deletedAt)) return { append: null, records, warnings };
  const restoredFrom = { version: target.version, versionId: target.versionId };
  return { append: { type: 'Restored', changes, records, restoredFrom, warnings }, records, warnings };
}

function deadWarning({ reference, ids }: RestoreWorld['dead'][number]): RestoreWarning {
  return {
    code: reference.drop ? 'reference_dropped' : 'reference_missing',
    message: reference.drop
      ? `${reference.field}: left out ${reference.kind} ${ids.join(', ')}, deleted or gone since`
      : `${reference.field}: ${reference.kind} ${ids.join(', ')} no longer exists`,
    ids,
  };
}

function usageWarning({ collection, kind, users }: RestoreWorld['usages'][number]): RestoreWarning {
  const keys = [...new Set(users.flatMap((user) => user.keys))];
  return {
    code: 'still_in_use',
    message: `${collection}: removed ${keys.join(', ')}, still used by ${kind} ${users.map((user) => user.id).join(', ')}`,
    ids: users.map((user) => user.id),
  };
}

export type { JsonObject };
