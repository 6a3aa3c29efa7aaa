import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { documentToApi, overlayInput } from '../definition/entity-document.js';
import { isJsonObject, type JsonObject } from '../document/json.js';
import { ValidationFailedError } from '../errors.js';

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
  const candidate = { ...documentToApi(definition, base), ...baseCached, ...input };
  const errors = await validate(plainToInstance(definition.dto, candidate), {
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

function describe(error: ValidationError, prefix: string): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) => `${prefix}${message}`);
  const nested = (error.children ?? []).flatMap((child) => describe(child, `${prefix}${error.property}.`));
  return [...own, ...nested];
}
