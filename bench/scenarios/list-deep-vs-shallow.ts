import { encodeCursor } from '#revisions/queries/page.js';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { actor, type BenchEngine } from '../engine.js';
import { smallDashboard, threeFieldEdit, type BenchFixtures } from '../fixtures.js';
import { median, percentile, round } from '../measure.js';
import type { BenchOptions } from '../options.js';

export interface PageTiming {
  items: number;
  medianMs: number;
  p99Ms: number;
}

export interface ListDeepVsShallowResult {
  deepVersions: number;
  shallowVersions: number;
  pageSize: number;
  samples: number;
  seedSeconds: number;
  /** The newest page of the deep stream. */
  deep: PageTiming;
  /** The page that starts half-way down the deep stream (a cursor at `deepVersions / 2`). */
  middle: PageTiming;
  /** The only page of a stream of exactly one page. */
  shallow: PageTiming;
  firstPageRatio: number;
  middlePageRatio: number;
  /** The worse of the two: what the target is checked against. */
  ratio: number;
}

const PAGE = 50;

/**
 * $1 deep stream id, $2 target version: versions 51..$2 of the deep stream as copies of its own
 * versions 2..50 (engine saves), in turn, each with its change records, new version ids and a
 * timestamp; then its head row moves to the last one. One statement, so the depth costs no
 * 10,000 round trips to seed.
 */
const DEEPEN = `
  with source as (
    select version, type, data, metadata, schema_version, org_id from revision_events
    where stream_kind = 'dashboard' and stream_id = $1::uuid and version between 2 and ${PAGE}),
  copied as (
    insert into revision_events (stream_kind, stream_id, version, version_id, type, data, metadata, recorded_at, schema_version, org_id)
    select 'dashboard', $1::uuid, v, gen_random_uuid(), s.type, s.data, s.metadata, clock_timestamp(), s.schema_version, s.org_id
    from generate_series(${PAGE + 1}, $2::int) v join source s on s.version = 2 + (v - ${PAGE + 1}) % ${PAGE - 1}
    returning position, version, version_id, recorded_at),
  records as (
    insert into revision_changes (position, sequence, org_id, entity_kind, entity_id, version, kind, op, path, "from", "to", recorded_at, schema_version)
    select n.position, c.sequence, c.org_id, c.entity_kind, c.entity_id, n.version, c.kind, c.op, c.path, c."from", c."to", n.recorded_at, c.schema_version
    from copied n join revision_changes c on c.entity_kind = 'dashboard' and c.entity_id = $1::uuid and c.version = 2 + (n.version - ${PAGE + 1}) % ${PAGE - 1})
  update dashboards d set version = n.version, version_id = n.version_id, updated_at = n.recorded_at
  from copied n where d.id = $1::uuid and n.version = $2::int`;

/**
 * A page of 50 versions (ListVersionsQuery, each with its change records) of a deep stream — its
 * newest page and one half-way down — against the only page of a 50-version stream: equal pages, so
 * the ratio is the cost of depth alone. Sampled in rotation. Both streams start with the same 50
 * engine saves; the deep one's history then repeats its own saves by SQL up to `deepVersions`.
 */
export async function measureListDeepVsShallow(engine: BenchEngine, fixtures: BenchFixtures, options: BenchOptions): Promise<ListDeepVsShallowResult> {
  const { deepVersions, shallowVersions, samples } = options.list;
  const deep = await engine.create('dashboard', smallDashboard('deep', fixtures.chartIds));
  const shallow = await engine.create('dashboard', smallDashboard('shallow', fixtures.chartIds));
  for (let i = 1; i < PAGE; i++) await engine.save('dashboard', deep.id, threeFieldEdit(i));
  for (let i = 1; i < shallowVersions; i++) await engine.save('dashboard', shallow.id, threeFieldEdit(i));

  const seedStarted = performance.now();
  await engine.db.query(DEEPEN, [deep.id, deepVersions]);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await engine.db.query('analyze revision_events');
  await engine.db.query('analyze revision_changes');

  const page = (id: string, cursor?: string) => engine.queries.execute(new ListVersionsQuery('dashboard', id, actor, PAGE, cursor));
  const middleCursor = encodeCursor([Math.floor(deepVersions / 2)]);
  const pages = [
    ['deep', () => page(deep.id)],
    ['middle', () => page(deep.id, middleCursor)],
    ['shallow', () => page(shallow.id)],
  ] as const;
  const times = { deep: [] as number[], middle: [] as number[], shallow: [] as number[] };
  const items = { deep: 0, middle: 0, shallow: 0 };
  for (let i = 0; i < 20; i++) for (const [, read] of pages) await read();
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < pages.length; j++) {
      const [key, read] = pages[(i + j) % pages.length]; // rotate who goes first
      const begin = performance.now();
      const result = await read();
      times[key].push(performance.now() - begin);
      items[key] = result.items.length;
    }
  }
  const stats = (key: keyof typeof times): PageTiming => {
    const sorted = [...times[key]].sort((a, b) => a - b);
    return { items: items[key], medianMs: round(median(sorted), 3), p99Ms: round(percentile(sorted, 0.99), 3) };
  };
  const result = { deep: stats('deep'), middle: stats('middle'), shallow: stats('shallow') };
  for (const key of ['deep', 'middle', 'shallow'] as const) {
    if (result[key].items !== PAGE) throw new Error(`the ${key} page held ${result[key].items} versions, not ${PAGE}`);
  }
  const firstPageRatio = round(result.deep.medianMs / result.shallow.medianMs, 3);
  const middlePageRatio = round(result.middle.medianMs / result.shallow.medianMs, 3);
  return {
    deepVersions,
    shallowVersions,
    pageSize: PAGE,
    samples,
    seedSeconds: round(seedSeconds, 1),
    ...result,
    firstPageRatio,
    middlePageRatio,
    ratio: Math.max(firstPageRatio, middlePageRatio),
  };
}
