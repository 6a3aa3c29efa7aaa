/** PostgreSQL's text form of a timestamptz (`2026-11-21 23:41:56.69477+00`) as ISO 8601 UTC. */
export function toIsoTimestamp(value: string | Date | null): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso).toISOString();
}
