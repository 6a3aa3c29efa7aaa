import { parseDocument, stringify } from 'yaml';
import { isJsonObject, type Json, type JsonObject } from '#revisions/document/json.js';
import { rejectBundle } from '../bundle-errors.js';

/** More than this many alias expansions in one file is an alias bomb, not a dashboard. */
const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

/** One YAML file of a bundle as a JSON object; any problem is a refusal naming the file. */
export function parseBundleYaml(file: string, text: string): JsonObject {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, schema: 'core', strict: true });
  if (document.errors.length) rejectBundle(file, `not valid YAML (${document.errors[0].message.split('\n')[0]})`);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    rejectBundle(file, `YAML aliases expand too far (${(error as Error).message})`);
  }
  if (!isJsonObject(value)) rejectBundle(file, 'the file must hold a YAML mapping');
  const problem = jsonProblem(value, 0);
  if (problem) rejectBundle(file, problem);
  return value;
}

/** YAML can say more than JSON (`.inf`, dates in other schemas, deep nesting); a bundle may not. */
function jsonProblem(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'numbers must be finite';
  if (Array.isArray(value)) return firstProblem(value, depth);
  if (isJsonObject(value) && Object.getPrototypeOf(value) === Object.prototype) return firstProblem(Object.values(value), depth);
  return `unsupported YAML value (${Object.prototype.toString.call(value)})`;
}

function firstProblem(values: unknown[], depth: number): string | undefined {
  for (const item of values) {
    const problem = jsonProblem(item, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** YAML as Superset writes it: block style, keys in the order given, long strings unfolded. */
export function toBundleYaml(value: Json): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
