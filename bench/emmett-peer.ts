/**
 * The Emmett side of `vsEmmett`, run as a child process of bench/run.ts: dumbo (under Emmett)
 * replaces pg's global type parsers, which must not leak into the engine's process.
 *
 * Equal work per save: `appendToStream` of one event carrying three field changes, with an inline
 * `postgreSQLRawSQLProjection` that upserts the entity's row and inserts the three change rows (one
 * SQL statement, the fewest round trips Emmett's projection API allows). The tables mirror the
 * engine's: a head row, and change rows with the same primary key and secondary indexes.
 */
import { projections, isExpectedVersionConflictError, type Event, type ReadEvent } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, postgreSQLRawSQLProjection, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { SQL } from '@event-driven-io/dumbo';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runWorkers, type RunStats } from './measure.js';
import { cpuMeter } from './cpu.js';
import { QueryCounter } from './query-counter.js';
import { threeFieldEdit } from './fixtures.js';

export type PeerRequest = { cmd: 'init'; url: string; poolSize: number; streams: number; postgresDirectory: string } | { cmd: 'run'; concurrency: number; saves: number; warmup: number } | { cmd: 'stop' };
export type PeerReply = { ok: true; stats?: RunStats; queriesPerAppend?: number } | { ok: false; error: string };

type DashboardSaved = Event<'DashboardSaved', { changes: { kind: string; op: string; path: string[]; from: string; to: string }[]; org: string; actor: string }>;

const TABLES = `
  create table if not exists bench_emmett_dashboards (
    id uuid primary key, org_id text not null, version integer not null,
    title text, description text, css text, updated_at timestamptz not null, updated_by text not null);
  create table if not exists bench_emmett_changes (
    position bigint not null, sequence integer not null, org_id text not null, entity_id uuid not null, version integer not null,
    kind text not null, op text not null, path text[] not null, "from" jsonb, "to" jsonb, recorded_at timestamptz not null,
    primary key (position, sequence));
  create index if not exists bench_emmett_changes_entity on bench_emmett_changes (entity_id, version);
  create index if not exists bench_emmett_changes_feed on bench_emmett_changes (org_id, position desc);
  create index if not exists bench_emmett_changes_feed_kind on bench_emmett_changes (org_id, kind, position desc);`;

const dashboardProjection = postgreSQLRawSQLProjection<DashboardSaved>({
  name: 'bench_dashboards',
  canHandle: ['DashboardSaved'],
  evolve: (event) => {
    const { data, metadata } = event as unknown as ReadEvent<DashboardSaved, { streamName: string; streamPosition: bigint; globalPosition: bigint; messageId: string }>;
    const id = metadata.streamName.slice('dashboard-'.length);
    const fields = Object.fromEntries(data.changes.map((change) => [change.path[0], change.to]));
    const now = new Date().toISOString();
    return SQL`
      with head as (
        insert into bench_emmett_dashboards (id, org_id, version, title, description, css, updated_at, updated_by)
        values (${id}::uuid, ${data.org}, ${Number(metadata.streamPosition)}, ${fields.title ?? null}, ${fields.description ?? null}, ${fields.css ?? null}, ${now}::timestamptz, ${data.actor})
        on conflict (id) do update set version = excluded.version, title = coalesce(excluded.title, bench_emmett_dashboards.title),
          description = coalesce(excluded.description, bench_emmett_dashboards.description), css = coalesce(excluded.css, bench_emmett_dashboards.css),
          updated_at = excluded.updated_at, updated_by = excluded.updated_by)
      insert into bench_emmett_changes (position, sequence, org_id, entity_id, version, kind, op, path, "from", "to", recorded_at)
      select ${metadata.globalPosition}::bigint, c.sequence::int, ${data.org}, ${id}::uuid, ${Number(metadata.streamPosition)},
             c.value ->> 'kind', c.value ->> 'op', array(select jsonb_array_elements_text(c.value -> 'path')), c.value -> 'from', c.value -> 'to', ${now}::timestamptz
      from jsonb_array_elements(${JSON.stringify(data.changes)}::jsonb) with ordinality as c(value, sequence)`;
  },
});

let pool: pg.Pool | undefined;
let store: PostgresEventStore | undefined;
let streams: { name: string; version: bigint; n: number }[] = [];
let postgresDirectory = '';

async function init(url: string, poolSize: number, count: number): Promise<void> {
  pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined); // PostgreSQL stops before this process on a failed run
  await pool.query(TABLES);
  store = getPostgreSQLEventStore(url, { connectionOptions: { pool }, projections: projections.inline([dashboardProjection]) });
  streams = Array.from({ length: count }, () => ({ name: `dashboard-${randomUUID()}`, version: 0n, n: 0 }));
  for (const stream of streams) await append(stream); // creates the streams (and Emmett's schema)
}

async function append(stream: { name: string; version: bigint; n: number }): Promise<void> {
  const before = threeFieldEdit(stream.n);
  const after = threeFieldEdit(++stream.n);
  const changes = (['title', 'description', 'css'] as const).map((field) => ({ kind: 'field', op: 'change', path: [field], from: before[field], to: after[field] }));
  try {
    const result = await store!.appendToStream<DashboardSaved>(stream.name, [{ type: 'DashboardSaved', data: { changes, org: 'bench-org', actor: 'bench-editor' } }], {
      expectedStreamVersion: stream.version,
    });
    stream.version = result.nextExpectedStreamVersion;
  } catch (error) {
    if (isExpectedVersionConflictError(error)) throw new Error(`unexpected version conflict on ${stream.name}`);
    throw error;
  }
}

/** Worker w appends to streams w, w + c, w + 2c, …: no two workers share a stream, as on the engine side. */
async function run(concurrency: number, saves: number, warmup: number): Promise<{ stats: RunStats; queriesPerAppend: number }> {
  const pick = (worker: number, call: number) => streams[(worker + call * concurrency) % streams.length];
  await runWorkers(concurrency, { count: warmup }, (worker, call) => append(pick(worker, call)));
  const counter = new QueryCounter().start();
  const cpu = cpuMeter(postgresDirectory);
  try {
    const stats = await runWorkers(concurrency, { count: saves }, (worker, call) => append(pick(worker, call)));
    return { stats: { ...stats, cpu: cpu.stop(stats.ops) }, queriesPerAppend: counter.count / stats.ops };
  } finally {
    counter.stop();
  }
}

process.on('message', async (request: PeerRequest) => {
  const reply = (message: PeerReply) => process.send!(message);
  try {
    if (request.cmd === 'init') {
      postgresDirectory = request.postgresDirectory;
      await init(request.url, request.poolSize, request.streams);
      reply({ ok: true });
    } else if (request.cmd === 'run') {
      reply({ ok: true, ...(await run(request.concurrency, request.saves, request.warmup)) });
    } else {
      await store?.close();
      await pool?.end().catch(() => undefined);
      reply({ ok: true });
      process.disconnect();
    }
  } catch (error) {
    reply({ ok: false, error: String((error as Error)?.stack ?? error) });
  }
});
