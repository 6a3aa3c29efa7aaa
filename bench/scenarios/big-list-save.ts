import type { ApiProcess } from '../api-process.js';
import { processCpuMs } from '../cpu.js';
import { percentile, round, sleep } from '../measure.js';

export interface BigListSaveResult {
  listItems: number;
  bodyKb: number;
  saves: number;
  /** API CPU per save of a chart whose `params.groupby` holds `listItems` items. */
  cpuMsPerSave: number;
  /** `/health` latency while `burst` such saves run at once. */
  health: { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
  /**
   * The API's own event-loop delay during the burst (prom-client's monitorEventLoopDelay, 10 ms
   * resolution): the longest synchronous slice, and that slice over the CPU of one save, a figure
   * that survives a loaded machine better than /health's latency. `longestSliceCpuMs`: the most
   * CPU the API's main thread spent in one piece (bench/api-query-probe.ts), which load does not inflate.
   */
  eventLoop: { p99Ms: number; maxMs: number; maxOverCpu: number; longestSliceCpuMs?: number };
  /** Change records the last save stored, and the bytes of its versions page at limit=1. */
  changeRecords: number;
  versionsPageKb: number;
  targets: { cpuMsPerSave: 200; healthP99Ms: 100 };
  pass: boolean;
}

/**
 * Issue 11's freeze: one legal chart PATCH with a 50,000-item `params.groupby` (≈ 430 KB) took
 * seconds of CPU and stalled `/health` for everyone. Measures the API's CPU per such save, and
 * `/health` p99 while a burst of them runs.
 */
export async function measureBigListSave(api: ApiProcess, token: string, options: { items: number; saves: number; burst: number }, log: (line: string) => void): Promise<BigListSaveResult> {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    return { json: text ? JSON.parse(text) : undefined, bytes: Buffer.byteLength(text) };
  };
  // Short names, so 50,000 of them stay under the 512 KB bound of a JSON field (about 430 KB, as in issue 11).
  const groupby = (edition: number) => Array.from({ length: options.items }, (_, i) => `${edition.toString(36)}${i.toString(36)}`);
  const chart = (await call('POST', '/api/v1/charts', { name: 'Wide chart', vizType: 'table', params: { groupby: ['a'] } })).json as { id: string };
  const save = (edition: number) => call('PATCH', `/api/v1/charts/${chart.id}`, { params: { groupby: groupby(edition) } });
  const bodyKb = round(Buffer.byteLength(JSON.stringify({ params: { groupby: groupby(35) } })) / 1024, 0);

  // 1. CPU per save, after two warm-up saves.
  await save(0);
  await save(1);
  const cpuBefore = processCpuMs(api.pid);
  for (let i = 0; i < options.saves; i++) await save(2 + i);
  const cpuMsPerSave = round((processCpuMs(api.pid) - cpuBefore) / options.saves, 1);
  log(`  ${options.items} items (${bodyKb} KB): ${cpuMsPerSave} ms API CPU per save`);

  // 2. /health while a burst of such saves runs.
  let running = true;
  const latencies: number[] = [];
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${api.url}/health`).then((response) => response.text());
      latencies.push(performance.now() - started);
      await sleep(10);
    }
  })();
  await eventLoopDelay(api.url); // a scrape resets the delay histogram
  await api.longestSliceMs(); // and a reading resets the probe's
  await Promise.all(Array.from({ length: options.burst }, (_, i) => save(20 + i)));
  const delay = await eventLoopDelay(api.url);
  const longestSliceCpuMs = await api.longestSliceMs();
  running = false;
  await probe;
  const sorted = latencies.sort((a, b) => a - b);
  const health = { samples: sorted.length, p50Ms: round(percentile(sorted, 0.5), 1), p99Ms: round(percentile(sorted, 0.99), 1), maxMs: round(sorted.at(-1) ?? 0, 1) };
  log(`  /health during a burst of ${options.burst}: p50 ${health.p50Ms} ms, p99 ${health.p99Ms} ms over ${health.samples} probes`);
  const eventLoop = { ...delay, maxOverCpu: round(delay.maxMs / cpuMsPerSave, 2), ...(longestSliceCpuMs !== undefined && { longestSliceCpuMs: round(longestSliceCpuMs, 1) }) };
  log(`  API event-loop delay during the burst: p99 ${eventLoop.p99Ms} ms, max ${eventLoop.maxMs} ms (${eventLoop.maxOverCpu} × the CPU of one save); longest slice ${eventLoop.longestSliceCpuMs ?? '?'} ms of CPU`);

  const page = await call('GET', `/api/v1/charts/${chart.id}/versions?limit=1`);
  const changeRecords = (page.json as { items: { changes: unknown[] }[] }).items[0].changes.length;
  const versionsPageKb = round(page.bytes / 1024, 0);
  log(`  last version: ${changeRecords} change record(s); versions page at limit=1: ${versionsPageKb} KB`);
  return {
    listItems: options.items,
    bodyKb,
    saves: options.saves,
    cpuMsPerSave,
    health,
    eventLoop,
    changeRecords,
    versionsPageKb,
    targets: { cpuMsPerSave: 200, healthP99Ms: 100 },
    pass: cpuMsPerSave < 200 && health.p99Ms < 100,
  };
}

/** The event-loop delay since the last scrape of the API's /metrics, in ms. */
async function eventLoopDelay(url: string): Promise<{ p99Ms: number; maxMs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const seconds = (name: string) => Number(new RegExp(`^nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { p99Ms: round(seconds('p99') * 1000, 1), maxMs: round(seconds('max') * 1000, 1) };
}
