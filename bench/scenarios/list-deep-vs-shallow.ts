import pg from 'pg';
import { ListVersionsQuery } from '#revisions/queries/list-versions/list-versions.query.js';
import { actor, type BenchEngine } from '../engine.js';
import { smallDashboard, threeFieldEdit, type BenchFixtures } from '../fixtures.js';
import { median, percentile, round } from '../measure.js';
import type { BenchOptions } from '../options.js';
import { replaySave, replayStreams } from '../sql-replay.js';
import type { CapturedSave } from './round-trips.js';

export interface ListDeepVsShallowResult {
  deepVersions: number;
  shallowVersions: number;
  pageSize: number;
  samples: number;
  seedSeconds: number;
  deep: { items: number; medianMs: number; p99Ms: number };
  shallow: { items: number; medianMs: number; p99Ms: number };
  /** A stream of exactly one page (50 versions): the deep page over it isolates the cost of depth. */
  sameSize: { items: number; medianMs: number; p99Ms: number };
  ratio: number;
  sameSizeRatio: number;
}

const PAGE = 50;

/**
 * The newest 50 versions (ListVersionsQuery, each with its change records) of a dashboard with a
 * deep history against one with 10 versions, sampled alternately. The deep history is appended
 * with the engine's own save statements (captured from a real save) to seed it quickly.
 */
export async function measureListDeepVsShallow(engine: BenchEngine, fixtures: BenchFixtures, captured: CapturedSave, url: string, options: BenchOptions): Promise<ListDeepVsShallowResult> {
  const { deepVersions, shallowVersions, samples } = options.list;
  const deep = await engine.create('dashboard', smallDashboard('deep', fixtures.chartIds));
  const shallow = await engine.create('dashboard', smallDashboard('shallow', fixtures.chartIds));
  for (let i = 1; i < shallowVersions; i++) await engine.save('dashboard', shallow.id, threeFieldEdit(i));
  const sameSize = await engine.create('dashboard', smallDashboard('one-page', fixtures.chartIds));
  for (let i = 1; i < PAGE; i++) await engine.save('dashboard', sameSize.id, threeFieldEdit(i));
  await engine.save('dashboard', deep.id, threeFieldEdit(1));

  const seedStarted = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [stream] = await replayStreams(client, [deep.id]);
    while (stream.version < deepVersions) await replaySave(client, captured, stream);
  } finally {
    await client.end();
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await engine.db.query('analyze revision_events');
  await engine.db.query('analyze revision_changes');

  const page = (id: string) => engine.queries.execute(new ListVersionsQuery('dashboard', id, actor, PAGE));
  const streams = [['deep', deep.id], ['shallow', shallow.id], ['sameSize', sameSize.id]] as const;
  for (let i = 0; i < 20; i++) for (const [, id] of streams) await page(id);
  const times = { deep: [] as number[], shallow: [] as number[], sameSize: [] as number[] };
  const items = { deep: 0, shallow: 0, sameSize: 0 };
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < streams.length; j++) {
      const [key, id] = streams[(i + j) % streams.length]; // rotate who goes first
      const begin = performance.now();
      const result = await page(id);
      times[key].push(performance.now() - begin);
      items[key] = result.items.length;
    }
  }
  const stats = (key: keyof typeof times) => {
    const sorted = [...times[key]].sort((a, b) => a - b);
    return { items: items[key], medianMs: round(median(sorted), 3), p99Ms: round(percentile(sorted, 0.99), 3) };
  };
  const result = { deep: stats('deep'), shallow: stats('shallow'), sameSize: stats('sameSize') };
  if (result.deep.items !== PAGE) throw new Error(`the deep page held ${result.deep.items} versions, not ${PAGE}`);
  return {
    deepVersions,
    shallowVersions,
    pageSize: PAGE,
    samples,
    seedSeconds: round(seedSeconds, 1),
    ...result,
    ratio: round(result.deep.medianMs / result.shallow.medianMs, 3),
    sameSizeRatio: round(result.deep.medianMs / result.sameSize.medianMs, 3),
  };
}
