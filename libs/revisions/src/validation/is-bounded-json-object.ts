import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isJsonObject } from '../document/json.js';

export interface JsonBounds {
  maxBytes: number;
  maxDepth: number;
}

const DEFAULT_BOUNDS: JsonBounds = { maxBytes: 512 * 1024, maxDepth: 32 };

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/** A JSON object (not an array or scalar) of bounded size and nesting. */
export function IsBoundedJsonObject(bounds: Partial<JsonBounds> = {}, options?: ValidationOptions): PropertyDecorator {
  const { maxBytes, maxDepth } = { ...DEFAULT_BOUNDS, ...bounds };
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBoundedJsonObject',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be a JSON object of at most ${maxBytes} bytes and ${maxDepth} levels`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isJsonObject(value) && depthOf(value) <= maxDepth && Buffer.byteLength(JSON.stringify(value)) <= maxBytes,
      },
    });
}

/** A JSON array (a Superset dataset's `folders`) of bounded size and nesting. */
export function IsBoundedJsonArray(bounds: Partial<JsonBounds> = {}, options?: ValidationOptions): PropertyDecorator {
  const { maxBytes, maxDepth } = { ...DEFAULT_BOUNDS, ...bounds };
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBoundedJsonArray',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a JSON array of at most ${maxBytes} bytes and ${maxDepth} levels`, ...options },
      validator: {
        validate: (value: unknown) => Array.isArray(value) && depthOf(value) <= maxDepth && Buffer.byteLength(JSON.stringify(value)) <= maxBytes,
      },
    });
}
