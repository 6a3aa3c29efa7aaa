import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { overlayInput } from '../definition/entity-document.js';
import { isBlank, isJsonObject, type JsonObject } from '../document/json.js';
import { ValidationFailedError } from '../errors.js';
import { unstorableValues } from './storable-json.js';

export interface ResolvedInput {
  document: JsonObject;
  /** Cached (unversioned) fields present in the input. */
  cached: JsonObject;
}

/**
 * Validates the fields `input` sends with the kind's DTO (so a PATCH of one field of a 50 KB
 * dashboard checks one field), lays them over `base`, and checks the required fields of the
 * result. Everything is checked before anything is written; nothing of the input is echoed.
 */
export async function resolveEntityInput(definition: EntityDefinition, base: JsonObject, input: unknown): Promise<ResolvedInput> {
  if (!isJsonObject(input)) throw new ValidationFailedError(['the body must be a JSON object']);
  const unstorable = unstorableValues(input);
  if (unstorable.length) throw new ValidationFailedError(unstorable);
  const errors = await validate(toDto(definition, input), {
    skipMissingProperties: true, // absent and blank fields keep or take their defaults, checked below
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  const problems = errors.flatMap((error) => describe(error, ''));
  const { document, problems: keyProblems } = overlayInput(definition, base, input);
  problems.push(...keyProblems);
  for (const [name, spec] of Object.entries(definition.fields)) {
    if (spec.required && isBlank(document[name])) problems.push(`${name} is required and must not be empty`);
  }
  if (problems.length) throw new ValidationFailedError(problems);
  const cached = Object.fromEntries(Object.keys(definition.cached).filter((name) => input[name] !== undefined).map((name) => [name, input[name]]));
  return { document, cached };
}

/**
 * The DTO instance to validate. JSON fields are opaque documents: class-transformer must not walk
 * them (a key like `constructor` would break it), so they are set on the instance as they are.
 */
function toDto(definition: EntityDefinition, candidate: JsonObject): object {
  const opaque = Object.entries({ ...definition.fields, ...definition.cached }).filter(([, spec]) => spec.type === 'json').map(([name]) => name);
  const structured = Object.fromEntries(Object.entries(candidate).filter(([name]) => !opaque.includes(name)));
  const instance = plainToInstance(definition.dto, structured) as Record<string, unknown>;
  for (const name of opaque) if (Object.hasOwn(candidate, name)) instance[name] = candidate[name];
  return instance;
}

function describe(error: ValidationError, prefix: string): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) => `${prefix}${message}`);
  const nested = (error.children ?? []).flatMap((child) => describe(child, `${prefix}${error.property}.`));
  return [...own, ...nested];
}
