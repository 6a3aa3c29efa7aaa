import { expect } from 'vitest';
import { entityDefinitions } from '#entities/entity-definitions.js';
import { decideDelete } from '#revisions/commands/delete-entity/decide-delete.js';
import { decideRestore, type RestoreOptions, type RestoreWorld } from '#revisions/commands/restore-version/decide-restore.js';
import { decideSave, editBase, type SaveGiven } from '#revisions/commands/save-entity/decide-save.js';
import type { SaveMode } from '#revisions/commands/save-entity/save-entity.command.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import { diffEntity, overlayInput } from '#revisions/definition/entity-document.js';
import type { JsonObject } from '#revisions/document/json.js';
import type { StateChange } from '#revisions/document/state-change.js';
import type { RevisionEvent, RevisionEventData } from '#revisions/event-store/revision-event.js';
import { versionIdOf } from '#revisions/event-store/version-id.js';
import type { EntityHead } from '#revisions/projections/entity-head.js';
import { evolve } from '#revisions/projections/fold-stream.js';
import type { Append } from '#revisions/streams/entity-streams.js';

/**
 * Given/When/Then for the pure deciders, in milliseconds and without PostgreSQL:
 *   given(head, since).when(save({ name: 'Revenue' })).then([...changes])
 * `head` is the version the client saw; `since` the events others appended after it.
 */
const definitions = new Map(entityDefinitions.map((definition) => [definition.kind, definition]));
const ID = '6f1c1f9e-6a39-4f25-8e0a-3c5c8b9f0a01';

type Decision = { append: Append | null } & Record<string, unknown>;
type When = (definition: EntityDefinition, given: SaveGiven) => Decision;

/** A head of `kind` at `version` holding `document`. */
export function headOf(kind: string, document: JsonObject, options: { version?: number; deletedAt?: string | null } = {}): EntityHead {
  const version = options.version ?? 1;
  const at = '2026-12-01T10:00:00.000Z';
  return { kind, id: ID, orgId: 'org-1', version, versionId: versionIdOf(ID, version), createdAt: at, createdBy: 'u1', updatedAt: at, updatedBy: 'u1', deletedAt: options.deletedAt ?? null, document, cached: {} };
}

/** The events of others' edits after `head`, one per step: a mutation of the document, or 'delete'. */
export function edits(head: EntityHead, ...steps: (((document: JsonObject) => void) | 'delete')[]): RevisionEvent[] {
  const events: RevisionEvent[] = [];
  let current = head;
  for (const step of steps) {
    const data: RevisionEventData =
      step === 'delete' ? { type: 'Deleted', data: {} } : { type: 'Updated', data: { changes: diffEntity(definitionOf(head.kind), current.document, mutated(current.document, step)) } };
    const version = current.version + 1;
    const event = { ...data, position: String(version), streamKind: head.kind, streamId: head.id, version, versionId: versionIdOf(head.id, version), recordedAt: '2026-12-01T11:00:00.000Z', metadata: { actor: { id: 'u2' }, org: head.orgId } } as RevisionEvent;
    events.push(event);
    current = evolve(current, event);
  }
  return events;
}

export function mutated(document: JsonObject, change: (copy: JsonObject) => void): JsonObject {
  const copy = structuredClone(document);
  change(copy);
  return copy;
}

export function given(seen: EntityHead, since: RevisionEvent[] = []) {
  const head = since.reduce<EntityHead>((state, event) => evolve(state, event), seen);
  const definition = definitionOf(seen.kind);
  return {
    head,
    when(command: When) {
      const decide = () => command(definition, { head, seen, since });
      return {
        /** The changes of the event the command appends. */
        then(changes: StateChange[]): Decision {
          const decision = decide();
          expect(decision.append?.changes).toEqual(changes);
          return decision;
        },
        /** The command appends nothing. */
        thenNothing(): Decision {
          const decision = decide();
          expect(decision.append).toBeNull();
          return decision;
        },
        thenRejected(error: new (...args: never[]) => Error, fields: Record<string, unknown> = {}): void {
          expect(decide).toThrow(error);
          try {
            decide();
          } catch (thrown) {
            expect(thrown).toMatchObject(fields);
          }
        },
        decision: decide,
      };
    },
  };
}

/** A PATCH (or PUT, `full`) of `input` by a client that saw `seen`; `cached` fields as sent. */
export const save =
  (input: JsonObject, mode: SaveMode = 'partial', cached: JsonObject = {}): When =>
  (definition, given) =>
    decideSave(definition, given, { edited: overlayInput(definition, editBase(definition, given.seen.document, mode), input).document, cached });

export const NOTHING_GONE: RestoreWorld = { dead: [], usages: [] };

/** A restore of `target` meeting `world`. */
export const restore =
  (target: EntityHead, world: RestoreWorld = NOTHING_GONE, options: RestoreOptions = {}): When =>
  (definition, { head }) =>
    decideRestore(definition, { head, target, world }, options) as unknown as Decision;

/** A delete, maybe pinned by If-Match, maybe a repeat of a command that already ran. */
export const remove =
  (options: { ifMatch?: string; ranBefore?: boolean } = {}): When =>
  (definition, { head }) =>
    decideDelete(definition, { head, ranBefore: options.ranBefore ?? false }, options.ifMatch);

function definitionOf(kind: string): EntityDefinition {
  const definition = definitions.get(kind);
  if (!definition) throw new Error(`no definition of ${kind}`);
  return definition;
}
