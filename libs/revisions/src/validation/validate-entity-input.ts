import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { overlayInput } from '../definition/entity-document.js';
import { isBlank, isJsonObject, own, type JsonObject } from '../document/json.js';
import { isLargeJson, yieldToEventLoop } from '../document/large-json.js';
import { ValidationFailedError } from '../errors.js';
import { unstorableValues } from './storable-json.js';

/** Enough to fix a request without answering one message per bad item. */
const MAX_PROBLEMS = 20;

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
  const large = isLargeJson(input);
  if (large) await yieldToEventLoop();
  const errors = await validate(toDto(definition, input), {
    skipMissingProperties: true, // absent and blank fields keep or take their defaults, checked below
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  // Keys are checked on the raw JSON: class-transformer drops keys such as `constructor` or
  // `valueOf` (their value on an instance is a function) before the DTO's whitelist sees them.
  const problems = [...undeclaredKeys(definition, input), ...errors.flatMap((error) => describe(error, ''))];
  // A required field is blank after the overlay when the input blanks it or leaves a blank base as is.
  for (const [name, spec] of Object.entries(definition.fields)) {
    if (spec.required && isBlank(own(input, name) !== undefined ? own(input, name) : base[name])) problems.push(`${name} is required and must not be empty`);
  }
  // Only input that passed every check is laid over the state (a list given as a string never is).
  if (problems.length) throw new ValidationFailedError(problems.slice(0, MAX_PROBLEMS));
  if (large) await yieldToEventLoop();
  const { document, problems: keyProblems } = overlayInput(definition, base, input);
  if (keyProblems.length) throw new ValidationFailedError(keyProblems.slice(0, MAX_PROBLEMS));
  const cached = Object.fromEntries(Object.keys(definition.cached).filter((name) => input[name] !== undefined).map((name) => [name, input[name]]));
  return { document, cached };
}

/** Own keys of the body, and of each child item, that the kind does not declare, whatever their name. */
function undeclaredKeys(definition: EntityDefinition, input: JsonObject): string[] {
  const declared = new Set([...Object.keys(definition.fields), ...Object.keys(definition.cached), ...Object.keys(definition.collections)]);
  const problems = Object.keys(input).filter((key) => !declared.has(key)).map((key) => `property ${shown(key)} should not exist`);
  for (const [name, spec] of Object.entries(definition.collections)) {
    const items = own(input, name);
    if (spec.idSet || !Array.isArray(items)) continue;
    const itemKeys = new Set([spec.key, ...Object.keys(spec.itemFields)]);
    items.forEach((item, index) => {
      if (!isJsonObject(item)) return;
      for (const key of Object.keys(item)) if (!itemKeys.has(key)) problems.push(`${name}.${index}.property ${shown(key)} should not exist`);
    });
  }
  return problems;
}

/** A key as error messages name it: bounded, so a 100 KB key is not sent back whole. */
function shown(key: string): string {
  return key.length > 100 ? `${key.slice(0, 100)}…` : key;
}

/**
 * The DTO instance to validate. JSON fields are opaque documents: class-transformer must not walk
 * them (a key like `constructor` would break it), so they are set on the instance as they are.
 * Only child items (a dataset's columns and metrics) are nested DTOs that class-transformer has to
 * build; without them the sent fields (scalars and lists of scalars) are set on a bare instance
 * as they are. Undeclared keys stay off it: `undeclaredKeys` reports them.
 */
function toDto(definition: EntityDefinition, candidate: JsonObject): object {
  const { opaque, declared } = shapeOf(definition);
  const nested = Object.keys(candidate).some((name) => Object.hasOwn(definition.collections, name) && !definition.collections[name].idSet);
  if (!nested) {
    const instance = Object.create(definition.dto.prototype) as object;
    for (const name of Object.keys(candidate)) {
      if (declared.has(name)) Object.defineProperty(instance, name, { value: candidate[name], enumerable: true, writable: true, configurable: true });
    }
    return instance;
  }
  const structured = Object.fromEntries(Object.entries(candidate).filter(([name]) => !opaque.has(name)));
  const instance = plainToInstance(definition.dto, structured) as Record<string, unknown>;
  for (const name of opaque) if (Object.hasOwn(candidate, name)) instance[name] = candidate[name];
  return instance;
}

const shapes = new WeakMap<EntityDefinition, { opaque: Set<string>; declared: Set<string> }>();

/** A kind's JSON fields and every key its documents may hold, worked out once. */
function shapeOf(definition: EntityDefinition): { opaque: Set<string>; declared: Set<string> } {
  let shape = shapes.get(definition);
  if (!shape) {
    const opaque = new Set(Object.entries({ ...definition.fields, ...definition.cached }).filter(([, spec]) => spec.type === 'json').map(([name]) => name));
    const declared = new Set([...Object.keys(definition.fields), ...Object.keys(definition.cached), ...Object.keys(definition.collections)]);
    shapes.set(definition, (shape = { opaque, declared }));
  }
  return shape;
}

function describe(error: ValidationError, prefix: string): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) => `${prefix}${message}`);
  const nested = (error.children ?? []).flatMap((child) => describe(child, `${prefix}${error.property}.`));
  return [...own, ...nested];
}
