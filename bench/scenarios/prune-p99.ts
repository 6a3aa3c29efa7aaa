import { PruneRevisionsCommand, type PruneResult } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { BENCH_ORG, type BenchEngine } from '../engine.js';
import { smallDashboard, threeFieldEdit, type BenchFixtures } from '../fixtures.js';
import { round, runWorkers, type RunStats } from '../measure.js';
import type { BenchOptions } from '../options.js';

const DAY_MS = 86_400_000;

export interface PruneP99Result {
  implementation: 'PruneRevisionsCommand';
  backlogEvents: number;
  backlogStreams: number;
  seedSeconds: number;
  concurrency: number;
  idle: RunStats;
  whilePruning: RunStats;
  prune: { seconds: number; prunedEvents: number; eventsPerSecond: number; detail: PruneResult };
  ratio: number;
}


/**
 * Save p99 (command bus, a few concurrent editors) while retention prunes a large backlog of
 * expired history, over save p99 with nothing else running. The backlog is written straight into
 * the event store: streams of 100 versions recorded 90 days ago (a Created event with a full
 * dashboard, then three-field Updated events, each with its three change rows).
 */
export async function measurePruneP99(engine: BenchEngine, fixtures: BenchFixtures, options: BenchOptions, log: (line: string) => void): Promise<PruneP99Result> {
  const { backlogEvents, versionsPerStream, concurrency, idleMs } = options.prune;
  const streams = Math.ceil(backlogEvents / versionsPerStream);
  const seedStarted = performance.now();
  await seedBacklog(engine, streams, versionsPerStream, log);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await engine.db.query('vacuum analyze revision_events');
  await engine.db.query('vacuum analyze revision_changes');

  const live: { id: string; n: number }[] = [];
  for (let i = 0; i < concurrency * 4; i++) live.push({ id: (await engine.create('dashboard', smallDashboard(`live-${i}`, fixtures.chartIds))).id, n: 0 });
  const save = (worker: number, call: number) => {
    const stream = live[(worker + (call % 4) * concurrency) % live.length];
    return engine.save('dashboard', stream.id, threeFieldEdit(++stream.n));
  };
  await runWorkers(concurrency, { durationMs: 1000 }, save);
  const idle = await runWorkers(concurrency, { durationMs: idleMs }, save);
  log(`  idle: ${idle.opsPerSecond} saves/s, p99 ${idle.p99Ms} ms`);

  const policy = { days: 30, maxVersions: 0 };
  let pruning = true;
  const began = performance.now();
  const pruned = engine.commands.execute(new PruneRevisionsCommand(policy)).finally(() => {
    pruning = false;
  });
  const whilePruning = await runWorkers(concurrency, { while: () => pruning }, save);
  const detail = await pruned;
  const implementation = 'PruneRevisionsCommand' as const;
  const seconds = (performance.now() - began) / 1000;
  const prunedEvents = detail.prunedEvents;
  log(`  while pruning (${implementation}, ${prunedEvents} events in ${seconds.toFixed(1)} s): ${whilePruning.opsPerSecond} saves/s, p99 ${whilePruning.p99Ms} ms`);
  if (prunedEvents < backlogEvents * 0.9) throw new Error(`pruning removed ${prunedEvents} of a ${backlogEvents}-event backlog`);

  return {
    implementation,
    backlogEvents: streams * versionsPerStream,
    backlogStreams: streams,
    seedSeconds: round(seedSeconds, 1),
    concurrency,
    idle,
    whilePruning,
    prune: { seconds: round(seconds, 2), prunedEvents, eventsPerSecond: round(prunedEvents / seconds, 0), detail },
    ratio: round(whilePruning.p99Ms / idle.p99Ms, 3),
  };
}

/**
 * Writes `streams` dashboards of `versions` versions each, 90 days old, straight into the event
 * store, the change log and the projection, in statements of 100 streams. The Created state is a
 * real one (from a dashboard the engine created) so the history folds like any other.
 */
async function seedBacklog(engine: BenchEngine, streams: number, versions: number, log: (line: string) => void): Promise<void> {
  const template = await engine.create('dashboard', smallDashboard('backlog-template', []));
  const [created] = await engine.db.query<{ data: object; metadata: object }>(`select data, metadata from revision_events where stream_id = $1 and version = 1`, [template.id]);
  const since = new Date(Date.now() - 90 * DAY_MS).toISOString();
  const perStatement = 100;
  for (let done = 0; done < streams; done += perStatement) {
    await engine.db.query(SEED_BACKLOG, [Math.min(perStatement, streams - done), versions, since, template.id, JSON.stringify(created.data), JSON.stringify(created.metadata), BENCH_ORG]);
    if ((done / perStatement) % 20 === 19) log(`  backlog: ${(done + perStatement) * versions} events`);
  }
}

const label = (version: string) => `'Backlog ' || (${version})::text`;

/** $1 streams, $2 versions per stream, $3 first recorded_at, $4 template dashboard, $5 its Created data, $6 metadata, $7 org. */
const SEED_BACKLOG = `
  with streams as (select gen_random_uuid() as id from generate_series(1, $1::int)),
  heads as (
    insert into dashboards
    select (jsonb_populate_record(null::dashboards, to_jsonb(t) || jsonb_build_object(
      'id', s.id, 'version', $2::int, 'version_id', md5(s.id::text || ':' || $2::int)::uuid,
      'title', ${label('$2::int')}, 'description', ${label('$2::int')}, 'css', ${label('$2::int')}, 'slug', null,
      'created_at', $3::timestamptz, 'updated_at', $3::timestamptz + make_interval(secs => $2::int)))).*
    from dashboards t, streams s where t.id = $4::uuid),
  events as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, org_id)
    select 'dashboard', s.id, v, md5(s.id::text || ':' || v)::uuid,
           case when v = 1 then 'Created' else 'Updated' end,
           case when v = 1 then jsonb_set(jsonb_set(jsonb_set(jsonb_set($5::jsonb, '{state,slug}', 'null'), '{state,title}', to_jsonb(${label('1')})), '{state,description}', to_jsonb(${label('1')})), '{state,css}', to_jsonb(${label('1')}))
                else jsonb_build_object('changes', (select jsonb_agg(jsonb_build_object('op', 'change', 'path', jsonb_build_array(f), 'from', ${label('v - 1')}, 'to', ${label('v')}))
                                                    from unnest(array['title', 'description', 'css']) f)) end,
           $6::jsonb, $3::timestamptz + make_interval(secs => v), $7::text
    from streams s, generate_series(1, $2::int) v
    returning position, stream_id, version, type, recorded_at)
  insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at)
  select e.position, f.n::int, $7::text, 'dashboard', e.stream_id, e.version, 'field', 'change', array[f.name], to_jsonb(${label('e.version - 1')}), to_jsonb(${label('e.version')}), e.recorded_at
  from events e, unnest(array['title', 'description', 'css']) with ordinality as f(name, n)
  where e.type = 'Updated'`;
