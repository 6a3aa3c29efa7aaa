import pg from 'pg';
import { RebuildProjectionsCommand, type RebuildResult } from '#revisions/commands/rebuild-projections/rebuild-projections.command.js';
import { cpuMeter, type CpuPerOp } from '../cpu.js';
import type { BenchEngine } from '../engine.js';
import { median, round } from '../measure.js';
import type { BenchOptions } from '../options.js';

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
