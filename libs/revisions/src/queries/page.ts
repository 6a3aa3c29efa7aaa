import { ValidationFailedError } from '../errors.js';

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationFailedError([`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`]);
  }
  return limit;
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Numbers in cursors are versions and sequences: PostgreSQL `integer`s, never negative. */
const MAX_INT4 = 2_147_483_647;
/** Longer than any cursor this API makes. */
const MAX_CURSOR_LENGTH = 512;

const fits = (value: unknown, type: 'string' | 'number') =>
  type === 'number' ? Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_INT4 : typeof value === 'string' && (value as string).length <= 100;

/**
 * Decodes a cursor made by `encodeCursor` with the given element types (numbers: integers within
 * PostgreSQL's `integer`); anything else is a 400.
 */
export function decodeCursor<T extends (string | number)[]>(cursor: string | undefined, shape: ('string' | 'number')[]): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values = cursor.length <= MAX_CURSOR_LENGTH && JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((value, i) => fits(value, shape[i]))) return values as T;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationFailedError(['cursor is not valid']);
}

/** Takes `limit` rows of `rows` (fetched with limit + 1) and the cursor of the last one shown. */
export function toPage<Row, T>(rows: Row[], limit: number, map: (row: Row) => T, cursorOf: (row: Row) => (string | number)[]): Page<T> {
  const shown = rows.slice(0, limit);
  return {
    items: shown.map(map),
    nextCursor: rows.length > limit ? encodeCursor(cursorOf(shown[shown.length - 1])) : null,
  };
}
