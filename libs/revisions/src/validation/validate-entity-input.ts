import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { documentToApi, overlayInput } from '../definition/entity-document.js';
import { isJsonObject, type JsonObject } from '../document/json.js';
import { ValidationFailedError } from '../errors.js';
import { unstorableValues } from './storable-json.js';

export interface ResolvedInput {
  document: JsonObject;
  /** Cached (unversioned) fields present in the input. */
  cached: JsonObject;
}

/**
 * Validates `input` laid over `base` as the full state the kind's DTO describes, then returns the
 * new document. Everything is checked before anything is written; nothing of the input is echoed.
 */
export async function resolveEntityInput(definition: EntityDefinition, base: JsonObject, baseCached: JsonObject, input: unknown): Promise<ResolvedInput> {
  if (!isJsonObject(input)) throw new ValidationFailedError(['the body must be a JSON object']);
  const unstorable = unstorableValues(input);
  if (unstorable.length) throw new ValidationFailedError(unstorable);
  const candidate = { ...documentToApi(definition, base), ...baseCached, ...input };
  const errors = await validate(toDto(definition, candidate), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  const problems = errors.flatMap((error) => describe(error, ''));
  const { document, problems: keyProblems } = overlayInput(definition, base, input);
  problems.push(...keyProblems);
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
