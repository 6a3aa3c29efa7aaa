import type { EntityDefinition } from '../definition/entity-definition.js';
import type { FieldSpec } from '../definition/field-spec.js';
import { isJsonObject, type Json, type JsonObject } from '../document/json.js';

/**
 * What is wrong with a folded document under the current definition: fields or child properties
 * that are missing, unknown, or of the wrong type. Empty when the document is what the current
 * code expects. A missing or stale upcaster shows up here (`missing title`, `unknown name`).
 */
export function shapeProblems(definition: EntityDefinition, document: JsonObject): string[] {
  const problems = propertyProblems('', definition.fields, document, Object.keys(definition.collections));
  for (const [name, spec] of Object.entries(definition.collections)) {
    const items = document[name];
    if (!isJsonObject(items)) {
      problems.push(`${name} is not a collection`);
      continue;
    }
    for (const [key, item] of Object.entries(items)) {
      if (!isJsonObject(item)) problems.push(`${name}.${key} is not an object`);
      else problems.push(...propertyProblems(`${name}.${key}.`, spec.itemFields, item));
    }
  }
  return problems;
}

function propertyProblems(prefix: string, fields: Record<string, FieldSpec>, object: JsonObject, others: string[] = []): string[] {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    if (!Object.hasOwn(object, name)) problems.push(`missing ${prefix}${name}`);
    else if (!hasType(spec, object[name])) problems.push(`${prefix}${name} is not ${spec.type}: ${JSON.stringify(object[name]).slice(0, 80)}`);
  }
  for (const name of Object.keys(object)) if (!(name in fields) && !others.includes(name)) problems.push(`unknown ${prefix}${name}`);
  return problems;
}

function hasType(spec: FieldSpec, value: Json): boolean {
  switch (spec.type) {
    case 'json':
      return true;
    case 'text[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'integer':
      return value === null || Number.isInteger(value);
    case 'boolean':
      return value === null || typeof value === 'boolean';
    default:
      return value === null || typeof value === 'string';
  }
}
