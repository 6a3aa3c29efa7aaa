import { sqlType, type FieldSpec } from '../definition/field-spec.js';

/** Double-quoted identifier; definitions are code, but quoting keeps keywords (`schema`) safe. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** String literal for names baked into prepared statement text. */
export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Reads one field of a JSON object expression as the column's SQL type. */
export function readJsonField(source: string, name: string, spec: FieldSpec): string {
  const key = literal(name);
  switch (spec.type) {
    case 'json':
      return `(${source} -> ${key})`;
    case 'text[]':
      return `array(select jsonb_array_elements_text(${source} -> ${key}))`;
    default:
      return `(${source} ->> ${key})::${sqlType(spec.type)}`;
  }
}

/** Writes one column into a JSON object: the inverse of `readJsonField`. */
export function columnAsJson(tableAlias: string, spec: FieldSpec): string {
  const column = `${tableAlias}.${ident(spec.column)}`;
  return spec.type === 'json' ? column : `to_jsonb(${column})`;
}
