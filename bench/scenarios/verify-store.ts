import { VerifyStreamsQuery } from '#revisions/queries/verify-streams/verify-streams.query.js';
import type { BenchEngine } from '../engine.js';
import { round } from '../measure.js';

export interface VerifyStoreResult {
  /** Events in the store when verify ran: the seeded v1 streams plus what earlier scenarios wrote. */
  events: number;
  streams: number;
  seededEvents: number;
  seedSeconds: number;
  seconds: number;
  eventsPerSecond: number;
  /** Seconds per million events, against the target of one minute. */
  secondsPerMillion: number;
  failures: number;
}

const ORG = 'bench-verify';
const VERSIONS = 100;
/** A dashboard as schema version 1 wrote it: without the Superset fields, so every stream is upcast. */
const V1_STATE = { title: 'v1', slug: null, description: null, css: null, published: false, metadata: { refresh_frequency: 0 }, layout: {}, certifiedBy: null, certificationDetails: null, externalUrl: null, owners: ['bench'], tags: [], chartIds: {} };

/** $1 streams, $2 versions per stream, $3 v1 state, $4 metadata. */
const SEED = `
  insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
  select 'dashboard', s.id, v, md5(s.id::text || ':' || v)::uuid, case when v = 1 then 'Created' else 'Updated' end,
         case when v = 1 then jsonb_build_object('state', $3::jsonb)
              else jsonb_build_object('changes', jsonb_build_array(jsonb_build_object('op', 'change', 'path', jsonb_build_array('title'), 'from', 'v' || (v - 1), 'to', 'v' || v))) end,
         $4::jsonb, now() - interval '1 day' + make_interval(secs => v), 1, $4::jsonb ->> 'org'
  from (select gen_random_uuid() as id from generate_series(1, $1::int)) s, generate_series(1, $2::int) v`;

/**
 * `npm run verify` (VerifyStreamsQuery) over the whole store after seeding `events` events of
 * schema-version-1 dashboards, 100 versions each, so each one goes through the v1 → v2 upcaster.
 * The target: a million events in under a minute.
 */
export async function measureVerifyStore(engine: BenchEngine, events: number): Promise<VerifyStoreResult> {
  const seedStarted = performance.now();
  const streams = Math.ceil(events / VERSIONS);
  for (let done = 0; done < streams; done += 1000) {
    await engine.db.query(SEED, [Math.min(1000, streams - done), VERSIONS, JSON.stringify(V1_STATE), JSON.stringify({ actor: { id: 'bench' }, org: ORG })]);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await engine.db.query('analyze revision_events');

  const started = performance.now();
  const result = await engine.queries.execute(new VerifyStreamsQuery());
  const seconds = (performance.now() - started) / 1000;
  if (result.failures.length) throw new Error(`verify failed on ${result.failures.length} streams, first: ${JSON.stringify(result.failures[0])}`);
  return {
    events: result.events,
    streams: result.streams,
    seededEvents: streams * VERSIONS,
    seedSeconds: round(seedSeconds, 1),
    seconds: round(seconds, 2),
    eventsPerSecond: round(result.events / seconds, 0),
    secondsPerMillion: round((seconds * 1_000_000) / result.events, 1),
    failures: result.failures.length,
  };
}
