const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * An ISO 8601 date or date-time that is a real instant and one PostgreSQL's timestamptz takes the
 * same way: years 0001–9999 (PostgreSQL has no year 0), real calendar days (no 2020-02-30),
 * hours 00–23, an offset within ±15:59. Returns it as an ISO string, or undefined when it is not
 * one; `Date.parse` alone accepts much that PostgreSQL refuses, and the reverse.
 */
export function parseIsoTimestamp(value: string): string | undefined {
  const match = ISO.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const offset = zone === 'Z' ? 'Z' : normaliseOffset(zone);
  if (!offset) return undefined;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction ? `.${fraction.padEnd(3, '0').slice(0, 3)}` : ''}${offset}`;
  const time = Date.parse(iso);
  // An offset can carry 0001-01-01 into year 0, or 9999-12-31 into 10000: outside both ranges.
  return Number.isNaN(time) || time < EARLIEST || time > LATEST ? undefined : new Date(time).toISOString();
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function normaliseOffset(zone: string): string | undefined {
  const [, sign, hours, minutes = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  if (!sign || Number(hours) > 15 || Number(minutes) > 59) return undefined;
  return `${sign}${hours}:${minutes}`;
}
