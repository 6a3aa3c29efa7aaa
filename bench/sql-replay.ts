import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CapturedSave } from './scenarios/round-trips.js';

/** A stream the replay appends to, with the version it holds (as the engine's head cache does). */
export interface ReplayStream {
  id: string;
  version: number;
}

/**
 * The SQL ceiling of a save: the engine's own statements for it — the head read when it sends one,
 * its other reads (reference checks) as sent, then the single append statement — replayed as captured with only the stream-specific parameters
 * changed ($2 id, $3 version, $4 version id, $8 recorded at; see event-store/kind-statements.ts). Named,
 * so prepared once per connection, as the engine does.
 */
export async function replaySave(db: pg.Pool | pg.Client, captured: CapturedSave, stream: ReplayStream): Promise<number> {
  const { selectHead, append } = captured;
  if (selectHead) {
    const values = [...selectHead.values];
    values[0] = stream.id;
    const { rows } = await db.query<{ version: number }>({ name: selectHead.name, text: selectHead.text, values });
    if (!rows[0]) throw new Error(`no head row for ${stream.id}`);
    stream.version = rows[0].version;
  }
  for (const read of captured.reads ?? []) await db.query(read.name ? { name: read.name, text: read.text, values: read.values } : { text: read.text, values: read.values });
  const values = [...append.values];
  values[1] = stream.id;
  values[2] = stream.version + 1;
  values[3] = randomUUID();
  values[7] = new Date().toISOString();
  await db.query({ name: append.name, text: append.text, values });
  return ++stream.version;
}

/** Streams to replay saves on, at their current versions (read once, outside any measurement). */
export async function replayStreams(db: pg.Pool | pg.Client, ids: string[]): Promise<ReplayStream[]> {
  const { rows } = await db.query<{ id: string; version: number }>('select id, version from dashboards where id = any($1::uuid[])', [ids]);
  const versions = new Map(rows.map((row) => [row.id, row.version]));
  return ids.map((id) => ({ id, version: versions.get(id)! }));
}
