import pg from 'pg';
import { withDatabase } from '#database/embedded-postgres.server.js';
import type { Actor } from '#revisions/actor.js';
import { ChangeFeedQuery } from '#revisions/queries/change-feed/change-feed.query.js';
import { ListEventsQuery } from '#revisions/queries/list-events/list-events.query.js';
import { encodeCursor } from '#revisions/queries/page.js';
import { startBenchEngine, type BenchEngine } from '../engine.js';
import { median, percentile, round } from '../measure.js';
import type { BenchOptions } from '../options.js';
import type { PageTiming } from './list-deep-vs-shallow.js';

/** One feed's pages on the deep store over the same pages on the shallow one. */
export interface FeedDepthResult {
  deep: { first: PageTiming; middle: PageTiming };
  shallow: { first: PageTiming; middle: PageTiming };
  /** The first page: what the target is checked against. */
  ratio: number;
  /** A page half-way through the org's history, for the record. */
  middleRatio: number;
}

export interface FeedDeepVsShallowResult {
  deepEvents: number;
  shallowEvents: number;
  samples: number;
  seedSeconds: number;
  /** `GET /events` (ListEventsQuery, 100 events by default, oldest first after `after`). */
  events: FeedDepthResult;
  /** `GET /changes` (ChangeFeedQuery, 20 records by default, newest first). */
  changes: FeedDepthResult;
}

const ORG = 'bench-feed';
const VERSIONS = 100;
const reader: Actor = { id: 'bench-reader', org: ORG, roles: ['admin'] };
/** A dashboard as schema version 1 wrote it (the readers upcast it, as they do stored history). */
const V1_STATE = { title: 'v0', slug: null, description: null, css: null, published: false, metadata: { refresh_frequency: 0 }, layout: {}, certifiedBy: null, certificationDetails: null, externalUrl: null, owners: ['bench'], tags: [], chartIds: {} };

/**
 * $1 streams, $2 state, $3 metadata: 100-version dashboards as the engine stores them — a Created
 * event, then title edits, each with its change record — in one statement, one transaction. The
 * 100 versions' JSON is built once and shared by every stream.
 */
const SEED = `
  with shapes as (
    select v, case when v = 1 then 'Created' else 'Updated' end as type,
           case when v = 1 then jsonb_build_object('state', $2::jsonb)
                else jsonb_build_object('changes', jsonb_build_array(jsonb_build_object('op', 'change', 'path', jsonb_build_array('title'), 'from', 'v' || (v - 1), 'to', 'v' || v))) end as data,
           to_jsonb('v' || (v - 1)) as "from", to_jsonb('v' || v) as "to", now() - interval '1 day' + make_interval(secs => v) as recorded_at
    from generate_series(1, ${VERSIONS}) v),
  events as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    select 'dashboard', s.id, h.v, gen_random_uuid(), h.type, h.data, $3::jsonb, h.recorded_at, 1, '${ORG}'
    from (select gen_random_uuid() as id from generate_series(1, $1::int)) s cross join shapes h
    returning position, stream_id, version)
  insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
  select e.position, 0, '${ORG}', 'dashboard', e.stream_id, e.version, 'field', 'change', '{title}', h."from", h."to", h.recorded_at, 1
  from events e join shapes h on h.v = e.version where e.version > 1`;

/** Streams per seeding statement: 100,000 events, so a million is ten transactions. */
const STREAMS_PER_STATEMENT = 1000;

/**
 * The first page of the org's event feed and of its change feed on a store of a million events
 * against the same pages on a store of a thousand. The stores are two databases of the bench's
 * PostgreSQL (one org each), so the small side reads a small store, not a small org inside the big
 * one: table and index sizes differ as they would between a young and an old installation.
 */
export async function measureFeedDeepVsShallow(url: string, directory: string, options: BenchOptions, log: (line: string) => void): Promise<FeedDeepVsShallowResult> {
  const { deepEvents, shallowEvents, samples } = options.feeds;
  const seedStarted = performance.now();
  const deep = await openStore(url, directory, 'rewind_feed_deep', deepEvents);
  const shallow = await openStore(url, directory, 'rewind_feed_shallow', shallowEvents);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`  seeded ${deepEvents} and ${shallowEvents} events in ${round(seedSeconds, 1)} s`);
  try {
    const reads = [...pageReads('deep', deep), ...pageReads('shallow', shallow)];
    for (let i = 0; i < 20; i++) for (const read of reads) await read.run();
    const times = new Map(reads.map((read) => [read.name, [] as number[]]));
    const items = new Map<string, number>();
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < reads.length; j++) {
        const read = reads[(i + j) % reads.length]; // rotate who goes first
        const begin = performance.now();
        const count = await read.run();
        times.get(read.name)!.push(performance.now() - begin);
        items.set(read.name, count);
      }
    }
    const stats = (name: string): PageTiming => {
      const sorted = [...times.get(name)!].sort((a, b) => a - b);
      if (!items.get(name)) throw new Error(`the ${name} page was empty`);
      return { items: items.get(name)!, medianMs: round(median(sorted), 3), p99Ms: round(percentile(sorted, 0.99), 3) };
    };
    const feed = (kind: 'events' | 'changes'): FeedDepthResult => {
      const result = {
        deep: { first: stats(`deep ${kind} first`), middle: stats(`deep ${kind} middle`) },
        shallow: { first: stats(`shallow ${kind} first`), middle: stats(`shallow ${kind} middle`) },
      };
      return {
        ...result,
        ratio: round(result.deep.first.medianMs / result.shallow.first.medianMs, 3),
        middleRatio: round(result.deep.middle.medianMs / result.shallow.middle.medianMs, 3),
      };
    };
    return { deepEvents, shallowEvents, samples, seedSeconds: round(seedSeconds, 1), events: feed('events'), changes: feed('changes') };
  } finally {
    await deep.engine.close();
    await shallow.engine.close();
  }
}

interface Store {
  engine: BenchEngine;
  /** The position half-way through the org's history. */
  middle: string;
}

/** A new database with the migrations applied and `events` events seeded by SQL. */
async function openStore(url: string, directory: string, name: string, events: number): Promise<Store> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const storeUrl = withDatabase(url, name);
  const engine = await startBenchEngine(storeUrl, directory, 4); // applies the migrations
  // Its own connection: the engine's pool bounds statements at 15 s, and these are big ones.
  const client = new pg.Client({ connectionString: storeUrl });
  await client.connect();
  try {
    await bulkLoad(client, async () => {
      const streams = Math.ceil(events / VERSIONS);
      const metadata = JSON.stringify({ actor: { id: 'bench-feed' }, org: ORG });
      for (let done = 0; done < streams; done += STREAMS_PER_STATEMENT) {
        await client.query(SEED, [Math.min(STREAMS_PER_STATEMENT, streams - done), JSON.stringify(V1_STATE), metadata]);
      }
    });
    await client.query('vacuum analyze revision_events, revision_changes');
    const { rows } = await client.query<{ position: string }>('select position from revision_events order by position offset $1 limit 1', [Math.floor(events / 2)]);
    return { engine, middle: rows[0].position };
  } finally {
    await client.end();
  }
}

/**
 * Seeds as a restore of a dump would: the secondary indexes of the two tables are dropped and built
 * again after the load (the same definitions, read from the catalog), and foreign keys are not
 * checked row by row (`session_replication_role`; the seed keeps them true). Rows written one
 * index entry at a time took minutes for a million events on 2 cores.
 */
async function bulkLoad(client: pg.Client, load: () => Promise<void>): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid in ('revision_events'::regclass, 'revision_changes'::regclass)
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
  for (const { name } of indexes) await client.query(`drop index ${name}`);
  await client.query(`set session_replication_role = replica`);
  await client.query(`set synchronous_commit = off`);
  await load();
  await client.query(`reset session_replication_role`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  for (const { definition } of indexes) await client.query(definition);
}

function pageReads(side: 'deep' | 'shallow', { engine, middle }: Store) {
  const events = (after?: string) => engine.queries.execute(new ListEventsQuery(reader, after)).then((page) => page.items.length);
  const changes = (cursor?: string) => engine.queries.execute(new ChangeFeedQuery(reader, {}, undefined, cursor)).then((page) => page.items.length);
  const changeCursor = encodeCursor([middle, 0]);
  return [
    { name: `${side} events first`, run: () => events() },
    { name: `${side} events middle`, run: () => events(middle) },
    { name: `${side} changes first`, run: () => changes() },
    { name: `${side} changes middle`, run: () => changes(changeCursor) },
  ];
}
