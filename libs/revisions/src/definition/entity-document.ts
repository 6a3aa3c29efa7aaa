import { diffDocuments } from '../document/diff-documents.js';
import { isBlank, isJsonObject, own, type Json, type JsonObject } from '../document/json.js';
import type { StateChange } from '../document/state-change.js';
import type { CollectionSpec } from './collection-spec.js';
import type { FieldSpec } from './field-spec.js';
import type { EntityDefinition } from './entity-definition.js';

/**
 * A document is the versioned state of one entity in canonical form: every versioned field
 * present, every collection an object keyed by natural key. API state shows collections as arrays.
 */
export function emptyDocument(definition: EntityDefinition): JsonObject {
  const document: JsonObject = {};
  for (const [name, spec] of Object.entries(definition.fields)) document[name] = structuredClone(spec.defaultValue);
  for (const name of Object.keys(definition.collections)) document[name] = {};
  return document;
}

export interface DocumentInput {
  document: JsonObject;
  problems: string[];
}

/** Overlays API-shaped `input` on `base`; only the fields present in `input` change. */
export function overlayInput(definition: EntityDefinition, base: JsonObject, input: Record<string, unknown>): DocumentInput {
  const document = { ...base };
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(definition.fields)) {
    if (input[name] !== undefined) document[name] = valueOrDefault(normaliseId(spec.type, input[name] as Json), spec.defaultValue);
  }
  for (const [name, spec] of Object.entries(definition.collections)) {
    if (input[name] !== undefined) document[name] = keyItems(name, spec, input[name] as Json[], problems);
  }
  return { document, problems };
}

function normaliseId(type: FieldSpec['type'], value: Json): Json {
  return type === 'uuid' && typeof value === 'string' ? value.toLowerCase() : value;
}

/** A blank (`null`, `""`) field takes the field's default, so `""` and `null` never differ in the projection. */
function valueOrDefault(value: Json, defaultValue: Json): Json {
  return isBlank(value) ? structuredClone(defaultValue) : value;
}

function keyItems(name: string, spec: CollectionSpec, items: Json[], problems: string[]): JsonObject {
  const keyed = new Map<string, JsonObject>();
  items.forEach((item, index) => {
    // Ids are UUIDs in any case on input, lower case once stored.
    const raw = spec.idSet ? item : isJsonObject(item) ? own(item, spec.key) : undefined;
    if (typeof raw !== 'string' || raw === '') return void problems.push(`${name}.${index}: ${spec.key} is required`);
    const key = spec.idSet ? raw.toLowerCase() : raw;
    if (keyed.has(key)) problems.push(`${name}.${index}: duplicate ${spec.key} "${key}"`);
    keyed.set(key, spec.idSet ? {} : itemProperties(spec, item as JsonObject));
  });
  return Object.fromEntries(keyed);
}

function itemProperties(spec: CollectionSpec, item: JsonObject): JsonObject {
  const properties: JsonObject = {};
  for (const [name, fieldSpec] of Object.entries(spec.itemFields)) {
    properties[name] = valueOrDefault(own(item, name) ?? null, fieldSpec.defaultValue);
  }
  return properties;
}

/** API shape of a document: collections as arrays sorted by natural key. */
export function documentToApi(definition: EntityDefinition, document: JsonObject): JsonObject {
  const api: JsonObject = {};
  for (const name of Object.keys(definition.fields)) api[name] = document[name] ?? null;
  for (const [name, spec] of Object.entries(definition.collections)) {
    const items = (document[name] ?? {}) as JsonObject;
    const keys = Object.keys(items).sort();
    api[name] = spec.idSet ? keys : keys.map((key) => itemToApi(spec, key, items[key] as JsonObject));
  }
  return api;
}

/** Properties in definition order, whatever order the projection's JSON came back in. */
function itemToApi(spec: CollectionSpec, key: string, item: JsonObject): JsonObject {
  const api: JsonObject = { [spec.key]: key };
  for (const name of Object.keys(spec.itemFields)) api[name] = item[name] ?? null;
  return api;
}

/** Raw changes between two documents of one kind, top-level fields in definition order. */
export function diffEntity(definition: EntityDefinition, before: JsonObject, after: JsonObject): StateChange[] {
  return diffDocuments(before, after, [...Object.keys(definition.fields), ...Object.keys(definition.collections)]);
}
