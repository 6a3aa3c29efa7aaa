import pg from 'pg';
import { RebuildProjectionsCommand, type RebuildResult } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { cpuMeter, type CpuPerOp } from '../cpu.js';
import type { BenchEngine } from '../engine.js';
import { largeDashboard, smallDashboard, threeFieldEdit, type BenchFixtures } from '../fixtures.js';
import { median, round } from '../measure.js';
import type { BenchOptions } from '../options.js';
import { BENCH_ORG } from '../engine.js';

export interface RebuildVsScanResult {
  events: number;
  changes: number;
  streams: number;
  rebuild: { runs: number; medianSeconds: number; eventsPerSecond: number; cpuPerEvent: CpuPerOp };
  scan: { runs: number; medianSeconds: number; eventsPerSecond: number; cpuPerEvent: CpuPerOp };
  ratio: number;
}

/** Keyset pages in the rebuild's order, so memory stays flat however many events there are. */
const SCAN_PAGE = `select position, stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at
                   from revision_events where (stream_kind, stream_id, version) > ($1::text, $2::uuid, $3::int)
                   order by stream_kind, stream_id, version limit $4`;
const SCAN_BATCH = 10_000;

/** Reads every event to the client, page by page; returns how many. */
async function scan(client: pg.Client): Promise<number> {
  let after: [string, string, number] = ['', '00000000-0000-0000-0000-000000000000', 0];
  let events = 0;
  for (;;) {
    const { rows } = await client.query<{ stream_kind: string; stream_id: string; version: number }>({ name: 'bench_scan', text: SCAN_PAGE, values: [...after, SCAN_BATCH] });
    events += rows.length;
    if (rows.length < SCAN_BATCH) return events;
    const last = rows[rows.length - 1];
    after = [last.stream_kind, last.stream_id, last.version];
  }
}

/**
 * RebuildProjectionsCommand (truncate every projection, replay every event in batches, one
 * transaction) against a raw SELECT of the same events, in the same order, fetched to the client
 * in keyset pages of 10 000.
 */
export async function measureRebuildVsScan(engine: BenchEngine, database: { url: string; clusterDirectory: string }, options: BenchOptions): Promise<RebuildVsScanResult> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const scanTimes: number[] = [];
  let events = 0;
  let scanCpu: CpuPerOp | undefined;
  try {
    for (let run = 0; run <= options.repeats; run++) {
      const cpu = cpuMeter(database.clusterDirectory);
      const begin = performance.now();
      events = await scan(client);
      if (run > 0) scanTimes.push((performance.now() - begin) / 1000); // run 0 warms the cache
      scanCpu = cpu.stop(events);
    }
  } finally {
    await client.end();
  }

  const rebuildRuns = options.mode === 'quick' ? 1 : options.repeats;
  const rebuildTimes: number[] = [];
  let result: RebuildResult | undefined;
  let rebuildCpu: CpuPerOp | undefined;
  for (let run = 0; run < rebuildRuns; run++) {
    const cpu = cpuMeter(database.clusterDirectory);
    const begin = performance.now();
    result = await engine.commands.execute(new RebuildProjectionsCommand());
    rebuildTimes.push((performance.now() - begin) / 1000);
    rebuildCpu = cpu.stop(result.events);
  }
  if (result!.events !== events) throw new Error(`the rebuild replayed ${result!.events} events, the scan read ${events}`);

  const rebuildSeconds = median(rebuildTimes);
  const scanSeconds = median(scanTimes);
  return {
    events,
    changes: result!.changes,
    streams: result!.streams,
    rebuild: { runs: rebuildRuns, medianSeconds: round(rebuildSeconds, 3), eventsPerSecond: round(events / rebuildSeconds, 0), cpuPerEvent: rebuildCpu! },
    scan: { runs: scanTimes.length, medianSeconds: round(scanSeconds, 3), eventsPerSecond: round(events / scanSeconds, 0), cpuPerEvent: scanCpu! },
    ratio: round(scanSeconds / rebuildSeconds, 3),
  };
}

/**
 * For `--only=rebuildVsScan`: a store like the one the whole run leaves behind at this scenario
 * (about 174 000 events of three-field dashboard edits over ~360 streams), plus real saves of a
 * large dashboard, so the layout and metadata rules are classified too.
 */
export async function seedRebuildStore(engine: BenchEngine, fixtures: BenchFixtures, log: (line: string) => void): Promise<void> {
  const large = await engine.create('dashboard', largeDashboard('rebuild', fixtures.chartIds));
  for (let n = 0; n < 300; n++) await engine.save('dashboard', large.id, n % 2 ? threeFieldEdit(n) : { metadata: { ...(large as unknown as { metadata: object }).metadata, refresh_frequency: n } });
  const template = await engine.create('dashboard', smallDashboard('rebuild-template', []));
  const [created] = await engine.db.query<{ data: object; metadata: object }>(`select data, metadata from revision_events where stream_id = $1 and version = 1`, [template.id]);
  for (let done = 0; done < SEED_STREAMS; done += 20) {
    // statements of 20 streams stay well under the pool's statement timeout
    await engine.db.query(SEED_STREAMS_SQL, [20, SEED_VERSIONS, template.id, JSON.stringify(created.data), JSON.stringify(created.metadata), BENCH_ORG]);
    if (done % 100 === 0) log(`  seeded ${(done + 20) * SEED_VERSIONS} events`);
  }
}

const SEED_STREAMS = 360;
const SEED_VERSIONS = 480;
const label = (version: string) => `'Edit ' || (${version})::text`;

/**
 * $1 streams of $2 versions each (Created, then edits of title, description and css) written
 * straight into the store, the change log and the projection; $3 the template dashboard, $4 its
 * Created data, $5 metadata, $6 org. Slugs are made unique per stream.
 */
const SEED_STREAMS_SQL = `
  with streams as (select gen_random_uuid() as id from generate_series(1, $1::int)),
  heads as (
    insert into dashboards
    select (jsonb_populate_record(null::dashboards, to_jsonb(t) || jsonb_build_object(
      'id', s.id, 'version', $2::int, 'version_id', md5(s.id::text || ':' || $2::int)::uuid, 'slug', 'rebuild-' || s.id,
      'title', ${label('$2::int')}, 'description', ${label('$2::int')}, 'css', ${label('$2::int')}))).*
    from dashboards t, streams s where t.id = $3::uuid),
  events as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, org_id)
    select 'dashboard', s.id, v, md5(s.id::text || ':' || v)::uuid,
           case when v = 1 then 'Created' else 'Updated' end,
           case when v = 1 then jsonb_set(jsonb_set(jsonb_set(jsonb_set($4::jsonb, '{state,title}', to_jsonb(${label('1')})), '{state,description}', to_jsonb(${label('1')})), '{state,css}', to_jsonb(${label('1')})), '{state,slug}', to_jsonb('rebuild-' || s.id))
                else jsonb_build_object('changes', (select jsonb_agg(jsonb_build_object('op', 'change', 'path', jsonb_build_array(f), 'from', ${label('v - 1')}, 'to', ${label('v')}))
                                                    from unnest(array['title', 'description', 'css']) f)) end,
           $5::jsonb, $6::text
    from streams s, generate_series(1, $2::int) v
    returning position, stream_id, version, type, recorded_at)
  insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at)
  select e.position, f.n::int, $6::text, 'dashboard', e.stream_id, e.version, 'field', 'change', array[f.name], to_jsonb(${label('e.version - 1')}), to_jsonb(${label('e.version')}), e.recorded_at
  from events e, unnest(array['title', 'description', 'css']) with ordinality as f(name, n)
  where e.type = 'Updated'`;
