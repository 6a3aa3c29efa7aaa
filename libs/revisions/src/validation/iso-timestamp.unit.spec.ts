import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from './iso-timestamp.js';

describe('parseIsoTimestamp: what PostgreSQL timestamptz takes, the same way', () => {
  it.each([
    ['2020-02-29', '2020-02-29T00:00:00.000Z'],
    ['2026-12-01T14:45:00Z', '2026-12-01T14:45:00.000Z'],
    ['2026-12-01T14:45', '2026-12-01T14:45:00.000Z'],
    ['2026-12-01 14:45:00.123456+02:00', '2026-12-01T12:45:00.123Z'],
    ['2026-12-01T14:45:00-0530', '2026-12-01T20:15:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('%s → %s', (input, expected) => expect(parseIsoTimestamp(input)).toBe(expected));

  it.each(['0000-01-01', '2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-01-01T24:00:00Z', '2020-01-01T23:60', '2020-01-01T00:00:00+16:00', '10000-01-01', '2020-1-1', '', 'now', '2020-01-01T00:00:00.1234567Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:00:00-02:00'])(
    '%s → undefined',
    (input) => expect(parseIsoTimestamp(input)).toBeUndefined(),
  );
});
