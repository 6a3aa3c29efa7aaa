import type { JsonObject } from '../document/json.js';
import type { ChangeRule } from '../change-log/change-rule.js';
import { assertEvolution, type Upcaster } from '../schema-evolution/upcaster.js';
import { collection, normaliseFields, type CollectionSpec } from './collection-spec.js';
import { field, type FieldInput, type FieldSpec } from './field-spec.js';

/** Ids a document points at, checked to be live entities of `kind` in the caller's org. */
export interface ReferenceSpec {
  kind: string;
  /** Field named in the error when an id is unknown. */
  field: string;
  ids(document: JsonObject): string[];
  /** Removes references to `dead` ids; a restore uses it to bring a version back without them. */
  drop?(document: JsonObject, dead: ReadonlySet<string>): JsonObject;
}

/** Everything the generic engine needs to know about one entity kind. */
export interface EntityDefinition {
  kind: string;
  /** REST collection name (`dashboards`). */
  resource: string;
  /** Current-state projection table. */
  table: string;
  /** The text field that names an entity to people (trash, purge records): a title, a name. */
  labelField: string;
  /** Fields whose non-blank values are unique among the org's live entities (a 409 otherwise). */
  uniqueFields: string[];
  /** Versioned fields, owners and tags included. */
  fields: Record<string, FieldSpec>;
  collections: Record<string, CollectionSpec>;
  /** Stored and returned, never versioned (a chart's `queryContext`). */
  cached: Record<string, FieldSpec>;
  /** class-validator DTO of the full writable state. */
  dto: new () => object;
  references: ReferenceSpec[];
  /** How changes are reported in the change log; paths no rule matches are `field` changes. */
  changeRules: ChangeRule[];
  /** Recorded on every event and snapshot written; bump it when the shape of documents changes. */
  schemaVersion: number;
  /** `upcasters[n - 1]` lifts data of version n to n + 1 when it is read (docs/schema-evolution.md). */
  upcasters: readonly Upcaster[];
}

export interface EntityDefinitionInput {
  kind: string;
  resource: string;
  table: string;
  /** Defaults to the first required field, else the first text field. */
  labelField?: string;
  uniqueFields?: string[];
  fields: Record<string, FieldInput>;
  collections?: Record<string, CollectionSpec>;
  cached?: Record<string, FieldInput>;
  dto: new () => object;
  references?: ReferenceSpec[];
  changeRules?: ChangeRule[];
  /** 1 unless the definition changed since data was first written. */
  schemaVersion?: number;
  upcasters?: readonly Upcaster[];
}

/** Versioned on every kind, never restored. */
const commonFields = {
  owners: field.textList({ restorable: false }),
  tags: field.textList({ restorable: false }),
};

export function defineEntity(input: EntityDefinitionInput): EntityDefinition {
  const evolution = { kind: input.kind, schemaVersion: input.schemaVersion ?? 1, upcasters: input.upcasters ?? [] };
  assertEvolution(evolution);
  const fields = normaliseFields({ ...commonFields, ...input.fields });
  const names = Object.keys(fields);
  const labelField = input.labelField ?? names.find((name) => fields[name].required) ?? names.find((name) => fields[name].type === 'text');
  if (!labelField || !fields[labelField]) throw new Error(`${input.kind}: labelField must name one of its fields`);
  return {
    ...evolution,
    resource: input.resource,
    table: input.table,
    labelField,
    uniqueFields: input.uniqueFields ?? [],
    fields,
    collections: input.collections ?? {},
    cached: normaliseFields(input.cached ?? {}),
    dto: input.dto,
    references: input.references ?? [],
    changeRules: input.changeRules ?? [],
  };
}

export { field, collection };
