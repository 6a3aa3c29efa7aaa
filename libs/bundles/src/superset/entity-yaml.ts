import { isJsonObject, own, type Json, type JsonObject } from '#revisions/document/json.js';
import { rejectBundle } from '../bundle-errors.js';
import { ENVELOPE_KEYS, fieldOf, type SupersetMapping } from './superset-mapping.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One entity of a bundle, read into the definition's API shape. */
export interface EntityFromYaml {
  kind: string;
  file: string;
  sourceUuid: string;
  /** Versioned fields and collections, API-shaped (collections as arrays); references left out. */
  input: JsonObject;
  cached: JsonObject;
  /** Reference field → the source uuid it names (or null). */
  refs: Record<string, string | null>;
  warnings: string[];
}

/** Superset YAML → definition input. Unknown keys are left out and reported, never dropped silently. */
export function readEntityYaml(mapping: SupersetMapping, file: string, yaml: JsonObject): EntityFromYaml {
  const sourceUuid = yaml.uuid;
  if (typeof sourceUuid !== 'string' || !UUID.test(sourceUuid)) rejectBundle(file, 'uuid is required and must be a UUID');
  const warnings: string[] = [];
  const known = new Set([...ENVELOPE_KEYS, ...Object.keys(mapping.fields), ...Object.keys(mapping.collections ?? {}), ...Object.keys(mapping.cached ?? {}), ...Object.keys(mapping.references ?? {})]);
  for (const key of Object.keys(yaml)) if (!known.has(key)) warnings.push(`${file}: unknown key "${key}" was not imported`);

  const input = readFields(mapping.fields, yaml);
  for (const [key, collection] of Object.entries(mapping.collections ?? {})) {
    const items = own(yaml, key);
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) rejectBundle(file, `${key} must be a list`);
    input[collection.field] = items.map((item, index) => {
      if (!isJsonObject(item)) rejectBundle(file, `${key}.${index} must be a mapping`);
      for (const itemKey of Object.keys(item)) if (!(itemKey in collection.items)) warnings.push(`${file}: unknown key "${key}.${index}.${itemKey}" was not imported`);
      return readFields(collection.items, item);
    });
  }
  const refs: Record<string, string | null> = {};
  for (const [key, reference] of Object.entries(mapping.references ?? {})) {
    const value = own(yaml, key);
    if (value !== undefined && value !== null && (typeof value !== 'string' || !UUID.test(value))) rejectBundle(file, `${key} must be a UUID`);
    refs[reference.field] = typeof value === 'string' ? value.toLowerCase() : null;
  }
  return { kind: mapping.kind, file, sourceUuid: sourceUuid.toLowerCase(), input, cached: readFields(mapping.cached ?? {}, yaml), refs, warnings };
}

function readFields(fields: SupersetMapping['fields'], yaml: JsonObject): JsonObject {
  const input: JsonObject = {};
  for (const [key, spec] of Object.entries(fields)) {
    const value = own(yaml, key);
    if (value === undefined) continue;
    const { field, read } = fieldOf(spec);
    input[field] = read ? read(value) : value;
  }
  return input;
}

/** The YAML key a definition field comes from, to name it in errors as the bundle does. */
export function yamlKeyOf(mapping: SupersetMapping, field: string): string | undefined {
  const all = { ...mapping.fields, ...mapping.cached, ...Object.fromEntries(Object.entries(mapping.collections ?? {}).map(([key, c]) => [key, c.field])) };
  return Object.entries(all).find(([, spec]) => fieldOf(spec).field === field)?.[0];
}

/**
 * Definition state (API-shaped, collections as arrays) → Superset YAML, keys in Superset's order.
 * `refs` gives each reference key its value (a uuid or, for databases, the database uuid).
 */
export function writeEntityYaml(mapping: SupersetMapping, state: JsonObject, uuid: string, refs: Record<string, Json>): JsonObject {
  const yaml = writeFields(mapping.fields, state);
  for (const [key, collection] of Object.entries(mapping.collections ?? {})) {
    const items = state[collection.field];
    yaml[key] = Array.isArray(items) ? items.map((item) => writeFields(collection.items, item as JsonObject)) : [];
  }
  Object.assign(yaml, writeFields(mapping.cached ?? {}, state));
  yaml.uuid = uuid;
  yaml.version = '1.0.0';
  for (const key of Object.keys(mapping.references ?? {})) yaml[key] = refs[key] ?? null;
  return yaml;
}

function writeFields(fields: SupersetMapping['fields'], state: JsonObject): JsonObject {
  const yaml: JsonObject = {};
  for (const [key, spec] of Object.entries(fields)) {
    const { field, write, optional } = fieldOf(spec);
    const value = own(state, field) ?? null;
    const written = write ? write(value) : value;
    if (optional && (written === null || (Array.isArray(written) && written.length === 0))) continue;
    yaml[key] = written;
  }
  return yaml;
}
