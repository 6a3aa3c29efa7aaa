import type pg from 'pg';

export interface HistoryCheck {
  ok: boolean;
  versions: number;
  /** Versions 1..N with none missing or repeated. */
  contiguous: boolean;
  /** Acknowledged saves whose value is not the `to` of exactly one event, at the version the answer gave. */
  lostOrDuplicated: number;
  /** Updated events no acknowledged save accounts for (a refused write that wrote anyway). */
  unacknowledgedEvents: number;
  /** Fields whose projected value is not the last value the history wrote to them. */
  headMismatches: number;
}

const column = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Checks one stream after concurrent saves: every acknowledged save (value → version) is in the
 * history exactly once, at its version, nothing else was appended, versions have no gap, and the
 * current-state row holds each field's last written value.
 */
export async function checkHistory(db: pg.Pool, id: string, acknowledged: Map<string, { field: string; version: number }>): Promise<HistoryCheck> {
  const { rows } = await db.query<{ version: number; type: string; data: { changes?: { path: string[]; to: unknown }[] } }>(
    'select version, type, data from revision_events where stream_id = $1 order by version',
    [id],
  );
  const contiguous = rows.every((row, index) => row.version === index + 1);
  const written = new Map<string, number[]>();
  const last = new Map<string, unknown>();
  let updates = 0;
  for (const row of rows) {
    if (row.type !== 'Updated') continue;
    updates++;
    for (const change of row.data.changes ?? []) {
      written.set(String(change.to), [...(written.get(String(change.to)) ?? []), row.version]);
      last.set(change.path[0], change.to);
    }
  }
  let lostOrDuplicated = 0;
  for (const [value, { version }] of acknowledged) {
    const versions = written.get(value) ?? [];
    if (versions.length !== 1 || versions[0] !== version) lostOrDuplicated++;
  }
  const { rows: heads } = await db.query<{ row: Record<string, unknown> }>('select to_jsonb(d) as row from dashboards d where id = $1', [id]);
  let headMismatches = 0;
  for (const [field, value] of last) if (heads[0].row[column(field)] !== value) headMismatches++;
  const unacknowledgedEvents = updates - acknowledged.size;
  return {
    ok: contiguous && lostOrDuplicated === 0 && unacknowledgedEvents === 0 && headMismatches === 0,
    versions: rows.length,
    contiguous,
    lostOrDuplicated,
    unacknowledgedEvents,
    headMismatches,
  };
}
