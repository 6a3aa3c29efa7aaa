import { CHANGE_KINDS, type ChangeKind } from '#revisions/change-log/change-record.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { isUuid } from './is-uuid.js';
import { unstorableValues } from './storable-json.js';

/**
 * Query filters arrive as raw values (strings from REST, anything from the buses); each check
 * throws a 400 that names the parameter. A repeated REST parameter arrives as an array: refused.
 */
export function textFilter(value: unknown, name: string, maxLength = 200): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || [...value].length > maxLength || unstorableValues(value).length) {
    throw new ValidationFailedError([`${name} must be one non-blank string of at most ${maxLength} characters`]);
  }
  return value;
}

export function booleanFilter(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ValidationFailedError([`${name} must be true or false`]);
}

export function uuidFilter(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isUuid(value)) throw new ValidationFailedError([`${name} must be a UUID`]);
  return value.toLowerCase();
}

export function changeKindFilter(value: unknown, name = 'kind'): ChangeKind | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !CHANGE_KINDS.includes(value as ChangeKind)) throw new ValidationFailedError([`${name} must be one of ${CHANGE_KINDS.join(', ')}`]);
  return value as ChangeKind;
}

/** A change-record path prefix written with dots (`params.time_range`), as its segments. */
export function pathFilter(value: unknown, name = 'path'): string[] | undefined {
  const text = textFilter(value, name, 1000);
  if (text === undefined) return undefined;
  const segments = text.split('.');
  if (segments.some((segment) => segment === '') || segments.length > 50) {
    throw new ValidationFailedError([`${name} must be dot-separated non-empty keys, such as params.time_range`]);
  }
  return segments;
}

/** `q` as a case-insensitive ILIKE pattern that matches it anywhere, its wildcards taken literally. */
export function searchPattern(value: unknown, name = 'q'): string | undefined {
  const text = textFilter(value, name);
  return text === undefined ? undefined : `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
