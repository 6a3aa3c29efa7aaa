/** Short, human renderings of JSON values inside a sentence. */

const MAX_TEXT = 60;

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Text too long or multi-line to quote in a sentence (SQL, CSS, long descriptions). */
export const isLongText = (value: unknown) => typeof value === 'string' && (value.length > MAX_TEXT || value.includes('\n'));

export function formatValue(value: unknown): string {
  if (isEmpty(value)) return 'nothing';
  if (typeof value === 'string') return `“${value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value}”`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, 4).map(formatListItem).join(', ');
    return value.length > 4 ? `${shown} and ${value.length - 4} more` : shown;
  }
  return 'a new setting';
}

function formatListItem(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) return String(value.label ?? value.name ?? value.id ?? 'item');
  return 'item';
}

/** `row_limit` → "row limit", `mainDttmCol` → "main dttm col". */
export function humanize(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether the two values are simple enough to read as "from X to Y". */
export const isQuotable = (value: unknown) => isEmpty(value) || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item !== 'object'));

/** Added and removed items of two lists of plain values. */
export function listDelta(from: unknown, to: unknown): { added: string[]; removed: string[] } {
  const before = (Array.isArray(from) ? from : []).map(String);
  const after = (Array.isArray(to) ? to : []).map(String);
  return { added: after.filter((item) => !before.includes(item)), removed: before.filter((item) => !after.includes(item)) };
}
