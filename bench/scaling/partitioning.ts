import pg from 'pg';
import { startBenchEngine } from '../engine.js';
import { round, runWorkers, timed, type RunStats } from '../measure.js';
import { PARTITIONED, PLAIN, createScratchSchemas, hasOrgColumn, monthStart, partitionName, seedHistory, type MonthlyLayout } from './partition-schema.js';
import type { ScalingRun } from './run.js';

interface Cost {
  seconds: number;
  walBytes: number;
  eventsRemoved: number;
  changesRemoved: number;
}

interface UnderLoad {
  idle: RunStats & { maxMs: number };
  during: RunStats & { maxMs: number };
  retention: Cost;
}

export interface PartitioningResult {
  events: number;
  streams: number;
  versionsPerStream: number;
  months: number;
  seedSeconds: number;
  bytesBefore: Sizes;
  /** DELETE of each stream's expired prefix (keeping its newest expired version), 50 streams per statement. */
  delete: { oldestMonth: Cost; deadTuples: { events: number; changes: number }; bytesAfter: Sizes; vacuum: Cost & { bytesAfter: Sizes }; nextMonthUnderLoad: UnderLoad };
  /** Each stream's newest version in the month carried into the next month, then DETACH CONCURRENTLY + DROP of the month's two partitions. */
  partitions: { oldestMonth: Cost & { carrySeconds: number; detachDropSeconds: number }; bytesAfter: Sizes; nextMonthUnderLoad: UnderLoad };
  concurrency: number;
}

interface Sizes {
  events: number;
  changes: number;
}

const BATCH_STREAMS = 50;

/**
 * Retention by DELETE against retention by dropping a month's partition, on two copies of the same
 * history (1,000,000 events over five months, three change rows per update): time, WAL, what is left
 * behind, and save latency on the same tables while each runs.
 */
export async function measurePartitioning({ postgres, quick, log, cleanup }: ScalingRun): Promise<PartitioningResult> {
  const streams = quick ? 1_000 : 10_000;
  const versions = 100;
  const concurrency = 4;
  await (await startBenchEngine(postgres.url, postgres.directory, 2)).close(); // the live schema, to copy
  const db = new pg.Pool({ connectionString: postgres.url, max: concurrency + 4 });
  db.on('error', () => undefined);
  cleanup.unshift(() => db.end());

  const now = new Date();
  const layout: MonthlyLayout = { base: monthStart(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), -5), months: 5 };
  await createScratchSchemas(db, layout);
  for (const schema of [PLAIN, PARTITIONED]) {
    for (const table of ['revision_events', 'revision_changes']) await db.query(`alter table ${schema}.${table} set (autovacuum_enabled = off)`).catch(() => undefined);
  }
  log(`seeding ${streams * versions} events over ${layout.months} months into both copies`);
  const seed = await timed(() => seedHistory(db, layout, streams, versions, log));
  const bytesBefore = await sizes(db, PLAIN);
  log(`  seeded in ${round(seed.ms / 1000, 1)} s; plain copy ${mb(bytesBefore.events)} MB events + ${mb(bytesBefore.changes)} MB changes`);

  const streamIds = (await db.query<{ id: string }>(`select distinct stream_id as id from ${PLAIN}.revision_events order by 1`)).rows.map((row) => row.id);
  const deleteMonth = (month: number) => measured(db, PLAIN, () => deleteExpired(db, streamIds, monthStart(layout.base, month + 1)));
  const dropMonth = async (month: number) => {
    const carry = await timed(() => carryForward(db, layout, month));
    const drop = await timed(() => detachAndDrop(db, month));
    return { carrySeconds: round(carry.ms / 1000, 3), detachDropSeconds: round(drop.ms / 1000, 3) };
  };

  log('oldest month by DELETE (no other load)');
  const deleted = await deleteMonth(0);
  log(`  ${deleted.eventsRemoved} events, ${deleted.changesRemoved} changes in ${deleted.seconds} s, ${mb(deleted.walBytes)} MB WAL`);
  const deadTuples = await deadTupleCounts(db);
  const bytesAfterDelete = await sizes(db, PLAIN);
  const vacuum = await measured(db, PLAIN, async () => {
    for (const table of ['revision_events', 'revision_changes']) await db.query(`vacuum ${PLAIN}.${table}`);
  });
  const bytesAfterVacuum = await sizes(db, PLAIN);
  log(`  dead tuples ${JSON.stringify(deadTuples)}; VACUUM ${vacuum.seconds} s, ${mb(vacuum.walBytes)} MB WAL; size ${mb(bytesAfterVacuum.events + bytesAfterVacuum.changes)} MB (was ${mb(bytesBefore.events + bytesBefore.changes)})`);

  log('oldest month by carry-forward + DETACH/DROP (no other load)');
  let steps = { carrySeconds: 0, detachDropSeconds: 0 };
  const dropped = await measured(db, PARTITIONED, async () => void (steps = await dropMonth(0)));
  const bytesAfterDrop = await sizes(db, PARTITIONED);
  log(`  ${dropped.eventsRemoved} events, ${dropped.changesRemoved} changes in ${dropped.seconds} s (carry ${steps.carrySeconds} s, detach+drop ${steps.detachDropSeconds} s), ${mb(dropped.walBytes)} MB WAL`);

  log(`next month under ${concurrency} concurrent savers, each way`);
  const deleteUnderLoad = await underLoad(db, PLAIN, concurrency, () => deleteMonth(1));
  log(`  DELETE: idle p99 ${deleteUnderLoad.idle.p99Ms} ms (max ${deleteUnderLoad.idle.maxMs}), during p99 ${deleteUnderLoad.during.p99Ms} ms (max ${deleteUnderLoad.during.maxMs}), ${deleteUnderLoad.during.opsPerSecond} vs ${deleteUnderLoad.idle.opsPerSecond} saves/s`);
  const dropUnderLoad = await underLoad(db, PARTITIONED, concurrency, () => measured(db, PARTITIONED, async () => void (await dropMonth(1))));
  log(`  DROP: idle p99 ${dropUnderLoad.idle.p99Ms} ms (max ${dropUnderLoad.idle.maxMs}), during p99 ${dropUnderLoad.during.p99Ms} ms (max ${dropUnderLoad.during.maxMs}), ${dropUnderLoad.during.opsPerSecond} vs ${dropUnderLoad.idle.opsPerSecond} saves/s`);

  return {
    events: streams * versions,
    streams,
    versionsPerStream: versions,
    months: layout.months,
    seedSeconds: round(seed.ms / 1000, 1),
    bytesBefore,
    delete: { oldestMonth: deleted, deadTuples, bytesAfter: bytesAfterDelete, vacuum: { ...vacuum, bytesAfter: bytesAfterVacuum }, nextMonthUnderLoad: deleteUnderLoad },
    partitions: { oldestMonth: { ...dropped, ...steps }, bytesAfter: bytesAfterDrop, nextMonthUnderLoad: dropUnderLoad },
    concurrency,
  };
}

/** As the retention job does, stream by stream (here 50 per statement): each stream's versions older than its newest expired one. */
async function deleteExpired(db: pg.Pool, streamIds: string[], cutoff: Date): Promise<void> {
  for (let i = 0; i < streamIds.length; i += BATCH_STREAMS) {
    await db.query(
      `with expired as (
         select stream_kind, stream_id, max(version) as boundary from ${PLAIN}.revision_events
         where stream_kind = 'dashboard' and stream_id = any($1::uuid[]) and recorded_at < $2 group by 1, 2)
       delete from ${PLAIN}.revision_events e using expired x
       where e.stream_kind = x.stream_kind and e.stream_id = x.stream_id and e.version < x.boundary`,
      [streamIds.slice(i, i + BATCH_STREAMS), cutoff.toISOString()],
    );
  }
}

/**
 * What must outlive the partition: each stream's newest version in it (the retention boundary, and
 * the live head of a stream not saved since). It moves to the first instant of the next month and
 * keeps its original time in its metadata, the one semantic change partitioning forces.
 */
async function carryForward(db: pg.Pool, layout: MonthlyLayout, month: number): Promise<void> {
  const columns = (await db.query<{ name: string }>(`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = 'revision_events' order by ordinal_position`)).rows.map((r) => r.name);
  const select = columns.map((name) => (name === 'recorded_at' ? '$1::timestamptz' : name === 'metadata' ? `metadata || jsonb_build_object('recordedAt', recorded_at)` : name));
  await db.query(
    `insert into ${PARTITIONED}.revision_events (${columns.join(', ')}) overriding system value
     select ${select.join(', ')} from (select distinct on (stream_kind, stream_id) * from ${PARTITIONED}.${partitionName('revision_events', month)}
                                      order by stream_kind, stream_id, version desc) boundary`,
    [monthStart(layout.base, month + 1).toISOString()],
  );
}

/**
 * DETACH … CONCURRENTLY takes only a SHARE UPDATE EXCLUSIVE lock on the parent, so saves into the
 * current month go on; tables in the order a save writes them (events, then changes).
 */
async function detachAndDrop(db: pg.Pool, month: number): Promise<void> {
  for (const table of ['revision_events', 'revision_changes']) {
    await db.query(`alter table ${PARTITIONED}.${table} detach partition ${PARTITIONED}.${partitionName(table, month)} concurrently`);
  }
  for (const table of ['revision_events', 'revision_changes']) await db.query(`drop table ${PARTITIONED}.${partitionName(table, month)}`);
}

/** Time, WAL written, and rows gone from `schema`'s two tables across `work` (from a checkpoint, so both sides pay full-page writes alike). */
async function measured(db: pg.Pool, schema: string, work: () => Promise<void>): Promise<Cost> {
  const count = async () => (await db.query<{ e: string; c: string }>(`select (select count(*) from ${schema}.revision_events) as e, (select count(*) from ${schema}.revision_changes) as c`)).rows[0];
  const before = await count();
  await db.query('checkpoint');
  const lsn = (await db.query<{ lsn: string }>('select pg_current_wal_lsn() as lsn')).rows[0].lsn;
  const { ms } = await timed(work);
  const wal = (await db.query<{ bytes: string }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as bytes', [lsn])).rows[0].bytes;
  const after = await count();
  return { seconds: round(ms / 1000, 3), walBytes: Number(wal), eventsRemoved: Number(before.e) - Number(after.e), changesRemoved: Number(before.c) - Number(after.c) };
}

/** Saves (an event and its three change rows, one statement) on `concurrency` streams of `schema`: idle, then while `retention` runs (from 1 s before to 1 s after). */
async function underLoad(db: pg.Pool, schema: string, concurrency: number, retention: () => Promise<Cost>): Promise<UnderLoad> {
  const streams = Array.from({ length: concurrency }, () => ({ id: crypto.randomUUID(), version: 0 }));
  let max = 0;
  const text = saveStatement(schema, await hasOrgColumn(db));
  const save = async (worker: number) => {
    const stream = streams[worker];
    const begin = performance.now();
    await db.query({ name: `save-${schema}`, text, values: [stream.id, ++stream.version] });
    max = Math.max(max, performance.now() - begin);
  };
  await runWorkers(concurrency, { durationMs: 1000 }, save);
  max = 0;
  const idleRun = await runWorkers(concurrency, { durationMs: 4000 }, save);
  const idle = { ...idleRun, maxMs: round(max, 1) };
  max = 0;
  let running = true;
  const during = runWorkers(concurrency, { while: () => running }, save);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cost = await retention();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    running = false;
    return { idle, during: { ...(await during), maxMs: round(max, 1) }, retention: cost };
  } finally {
    running = false; // a failed retention must not leave the savers running
    await during.catch(() => undefined);
  }
}

const saveStatement = (schema: string, withOrg: boolean) => `
  with ev as (
    insert into ${schema}.revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at${withOrg ? ', org_id' : ''})
    values ('dashboard', $1::uuid, $2::int, gen_random_uuid(), 'Updated',
            jsonb_build_object('changes', jsonb_build_array(jsonb_build_object('op', 'change', 'path', jsonb_build_array('title'), 'from', 'a', 'to', 'b'))),
            jsonb_build_object('actor', jsonb_build_object('id', 'live'), 'org', 'org-live'), now()${withOrg ? `, 'org-live'` : ''})
    returning position, recorded_at)
  insert into ${schema}.revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at)
  select ev.position, f.n::int, 'org-live', 'dashboard', $1::uuid, $2::int, 'field', 'change', array[f.name], '"a"', '"b"', ev.recorded_at
  from ev, unnest(array['title', 'description', 'css']) with ordinality as f(name, n)`;

async function sizes(db: pg.Pool, schema: string): Promise<Sizes> {
  const { rows } = await db.query<{ e: string; c: string }>(
    `select (select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r' and c.relname like 'revision_events%') as e,
            (select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r' and c.relname like 'revision_changes%') as c`,
    [schema],
  );
  return { events: Number(rows[0].e), changes: Number(rows[0].c) };
}

async function deadTupleCounts(db: pg.Pool): Promise<{ events: number; changes: number }> {
  await new Promise((resolve) => setTimeout(resolve, 1500)); // backends report their counts when idle, about once a second
  const { rows } = await db.query<{ relname: string; n: string }>(`select relname, n_dead_tup as n from pg_stat_user_tables where schemaname = $1`, [PLAIN]);
  const of = (name: string) => Number(rows.find((row) => row.relname === name)?.n ?? 0);
  return { events: of('revision_events'), changes: of('revision_changes') };
}

const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
