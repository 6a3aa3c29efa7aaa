import type { JsonObject } from '../document/json.js';
import type { ChangeRecord } from '../changes/change-record.js';
import type { StateChange } from '../document/state-change.js';
import { collection, normaliseFields, type CollectionSpec } from './collection-spec.js';
import { field, type FieldInput, type FieldSpec } from './field-spec.js';

/** Ids a document points at, checked to be live entities of `kind` in the caller's org. */
export interface ReferenceSpec {
  kind: string;
  /** Field named in the error when an id is unknown. */
  field: string;
  ids(document: JsonObject): string[];
}

/** Turns one kind's raw state changes into change records; unknown paths fall to `field`. */
export type ChangeClassifier = (changes: readonly StateChange[], before: JsonObject, after: JsonObject) => ChangeRecord[];

/** Everything the generic engine needs to know about one entity kind. */
export interface EntityDefinition {
  kind: string;
  /** REST collection name (`dashboards`). */
  resource: string;
  /** Current-state projection table. */
  table: string;
  /** Versioned fields, owners and tags included. */
  fields: Record<string, FieldSpec>;
  collections: Record<string, CollectionSpec>;
  /** Stored and returned, never versioned (a chart's `queryContext`). */
  cached: Record<string, FieldSpec>;
  /** class-validator DTO of the full writable state. */
  dto: new () => object;
  references: ReferenceSpec[];
  classifyChanges?: ChangeClassifier;
}

export interface EntityDefinitionInput {
  kind: string;
  resource: string;
  table: string;
  fields: Record<string, FieldInput>;
  collections?: Record<string, CollectionSpec>;
  cached?: Record<string, FieldInput>;
  dto: new () => object;
  references?: ReferenceSpec[];
  classifyChanges?: ChangeClassifier;
}

/** Versioned on every kind, never restored. */
const commonFields = {
  owners: field.textList({ restorable: false }),
  tags: field.textList({ restorable: false }),
};

export function defineEntity(input: EntityDefinitionInput): EntityDefinition {
  return {
    kind: input.kind,
    resource: input.resource,
    table: input.table,
    fields: normaliseFields({ ...commonFields, ...input.fields }),
    collections: input.collections ?? {},
    cached: normaliseFields(input.cached ?? {}),
    dto: input.dto,
    references: input.references ?? [],
    classifyChanges: input.classifyChanges,
  };
}

export { field, collection };
