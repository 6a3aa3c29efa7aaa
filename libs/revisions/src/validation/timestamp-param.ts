import { ValidationFailedError } from '#revisions/errors.js';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A query parameter that names an instant: an ISO 8601 date or date-time (UTC unless it carries an
 * offset) of a real calendar day in years 1–9999, as ISO 8601 UTC. Anything else, a repeated
 * parameter included, is a 400 naming the parameter.
 */
export function timestampParam(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  const problem = new ValidationFailedError([`${name} must be one ISO 8601 timestamp, such as 2026-03-01T09:30:00Z`]);
  if (typeof value !== 'string') throw problem;
  const match = ISO_8601.exec(value.trim());
  if (!match) throw problem;
  const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = match;
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const calendarDay = new Date(Date.UTC(2000, m - 1, d));
  calendarDay.setUTCFullYear(y);
  const realDay = y >= 1 && calendarDay.getUTCMonth() === m - 1 && calendarDay.getUTCDate() === d;
  if (!realDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) throw problem;
  const instant = new Date(zone || match[4] === undefined ? value.trim() : `${value.trim()}Z`);
  if (Number.isNaN(instant.getTime())) throw problem;
  return instant.toISOString();
}
