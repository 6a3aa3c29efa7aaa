import { EntityStreams } from '#revisions/streams/entity-streams.js';
import type { BenchEngine } from '../engine.js';
import { smallDashboard, threeFieldEdit, type BenchFixtures } from '../fixtures.js';
import { QueryCounter, type SentQuery } from '../query-counter.js';

export interface SaveQueries {
  saves: number;
  queries: number;
  perSave: number;
  /** Queries per save, by statement name (unnamed ones by their first words). */
  perStatement: Record<string, number>;
}

export interface RoundTripsResult {
  /** Repeated saves of an entity this process already holds (the engine's head cache hits). */
  warm: SaveQueries;
  /** The same with the head cache emptied before every save (another replica wrote last); null if the engine has none. */
  cold: SaveQueries | null;
  /** The worse of the two: what the target is checked against. */
  perSave: number;
}

/** The statements of one engine save, captured to replay them with a raw pg pool. */
export interface CapturedSave {
  /** The head read, when the engine sends one on this path. */
  selectHead?: SentQuery;
  /** Other reads of the save (reference checks), replayed as they were sent. */
  reads?: SentQuery[];
  append: SentQuery;
}

const APPEND = /insert\s+into\s+revision_events/i;
const HEAD_READ = /^\s*select\b[\s\S]*\bwhere t\.id = \$1::uuid and t\.org_id = \$2::text\s*$/i;

/**
 * Counts the queries sequential saves send through the command bus (every `pg.Client#query` of
 * the process), warm and with the head cache emptied before each save, and keeps one warm save's
 * statements with their parameters.
 */
export async function measureRoundTrips(engine: BenchEngine, fixtures: BenchFixtures, saves: number): Promise<{ result: RoundTripsResult; captured: CapturedSave }> {
  const dashboard = await engine.create('dashboard', smallDashboard('round-trips', fixtures.chartIds));
  let n = 0;
  const save = () => engine.save('dashboard', dashboard.id, threeFieldEdit(++n));
  for (let i = 0; i < 20; i++) await save(); // warm-up

  const warm = await countQueries(saves, save);
  const streams = engine.app.get(EntityStreams, { strict: false }) as Partial<EntityStreams> | undefined;
  const cold =
    typeof streams?.forgetAllHeads === 'function'
      ? await countQueries(saves, () => {
          streams.forgetAllHeads!();
          return save();
        })
      : null;
  return {
    result: { warm: warm.result, cold: cold?.result ?? null, perSave: Math.max(warm.result.perSave, cold?.result.perSave ?? 0) },
    captured: capture(warm.sent),
  };
}

async function countQueries(saves: number, save: () => Promise<unknown>): Promise<{ result: SaveQueries; sent: SentQuery[] }> {
  const counter = new QueryCounter().start(true);
  try {
    for (let i = 0; i < saves; i++) await save();
  } finally {
    counter.stop();
  }
  const perStatement: Record<string, number> = {};
  for (const query of counter.sent) {
    const key = query.name ?? query.text.trim().split(/\s+/).slice(0, 3).join(' ');
    perStatement[key] = (perStatement[key] ?? 0) + 1 / saves;
  }
  for (const key of Object.keys(perStatement)) perStatement[key] = Math.round(perStatement[key] * 1000) / 1000;
  return { result: { saves, queries: counter.count, perSave: Math.round((counter.count / saves) * 1000) / 1000, perStatement }, sent: counter.sent };
}

/**
 * The last save that wrote no snapshot (every Nth version carries one), like most saves: its
 * append, and the head read before it if the engine sent one.
 */
function capture(sent: SentQuery[]): CapturedSave {
  const appendIndex = sent.findLastIndex((query) => APPEND.test(query.text) && !hasSnapshot(query));
  if (appendIndex < 0) throw new Error('could not capture a save: no append statement was sent');
  const previousAppend = sent.slice(0, appendIndex).findLastIndex((query) => APPEND.test(query.text));
  // The head read by id (kind-statements.ts `selectHead`); the save's other selects (e.g. the check
  // that a dashboard's charts exist) are replayed as sent.
  const selects = sent.slice(previousAppend + 1, appendIndex).filter((query) => /^\s*select\b/i.test(query.text));
  const selectHead = selects.find((query) => HEAD_READ.test(query.text));
  return { selectHead, reads: selects.filter((query) => query !== selectHead), append: sent[appendIndex] };
}

function hasSnapshot(query: SentQuery): boolean {
  return query.values.some((value) => typeof value === 'string' && value.startsWith('{') && (JSON.parse(value) as { snapshot?: unknown }).snapshot != null);
}
