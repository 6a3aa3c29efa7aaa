import { snakeCase, type FieldInput, type FieldSpec } from './field-spec.js';

/**
 * A child collection, keyed by a natural key. In documents and events it is an object keyed by
 * that key (never a list index); in the projection it is a child table updated in place.
 */
export interface CollectionSpec {
  table: string;
  /** Column pointing at the parent row. */
  parentColumn: string;
  /** Natural-key property of an item (`columnName`); for id sets, the name of the id (`chartId`). */
  key: string;
  keyColumn: string;
  /** SQL type of the key column. */
  keyType: 'text' | 'uuid';
  /** Item properties besides the key; empty for an id set. */
  itemFields: Record<string, FieldSpec>;
  /** The API shows an id set as a plain array of ids (`chartIds: [uuid]`). */
  idSet: boolean;
  restorable: boolean;
  /** Other entities that name children by key (charts naming a dataset's columns in `params`). */
  usedBy?: ChildUsage;
}

/** Entities of `kind` whose `via` field points at the parent and whose JSON `in` field may name a child's key. */
export interface ChildUsage {
  kind: string;
  via: string;
  in: string;
}

interface CollectionInput {
  table: string;
  parentColumn: string;
  key: string;
  restorable?: boolean;
  usedBy?: ChildUsage;
}

function normalise(fields: Record<string, FieldInput>): Record<string, FieldSpec> {
  return Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, { ...spec, column: spec.column ?? snakeCase(name) }]));
}

export const collection = {
  /** Children with properties, keyed by `key`: dataset columns, dataset metrics. */
  keyed: (input: CollectionInput & { itemFields: Record<string, FieldInput> }): CollectionSpec => ({
    table: input.table,
    parentColumn: input.parentColumn,
    key: input.key,
    keyColumn: snakeCase(input.key),
    keyType: 'text',
    itemFields: normalise(input.itemFields),
    idSet: false,
    restorable: input.restorable ?? true,
    usedBy: input.usedBy,
  }),
  /** A set of ids: dashboard ↔ chart membership. */
  ids: (input: CollectionInput): CollectionSpec => ({
    table: input.table,
    parentColumn: input.parentColumn,
    key: input.key,
    keyColumn: snakeCase(input.key),
    keyType: 'uuid',
    itemFields: {},
    idSet: true,
    restorable: input.restorable ?? true,
  }),
};

export { normalise as normaliseFields };
